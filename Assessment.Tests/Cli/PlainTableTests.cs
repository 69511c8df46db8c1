using Assessment.Cli.Rendering;
using Assessment.Core.Import;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Cli;

/// <summary>Redirected, the table output draws its ranking and its problem lines itself when Spectre.Console would draw
/// them without wrapping or styling; Spectre.Console itself is the oracle: both must give the same characters.</summary>
public sealed class PlainTableTests
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);

    internal static readonly Lazy<(Assessment.Core.Model.Export Export, Scorecard[] Cards)> Sample = new(() =>
    {
        var assessor = Assessor.Create();
        var export = CsvExport.Read(CliRunner.Sample, assessor.ReadOptions(AsOf));
        return (export, assessor.ScoreAll(export, AsOf).Select(s => s.Scorecard!).ToArray());
    });

    public static TheoryData<string, int> Names => new()
    {
        { "plain", 160 },
        { "plain", 60 },        // too wide for the ranking: Spectre wraps it
        { "cjk", 160 },
        { "cjk", 100 },
        { "brackets", 160 },    // escaped in Spectre's markup
        { "emoji", 160 },       // surrogate pairs: left to Spectre
        { "combining", 160 },   // zero-width marks: left to Spectre
        { "long", 160 },        // wider than the width: left to Spectre
        { "control", 160 },     // a tab in a name: left to Spectre
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Ranking_DrawnAsSpectreDrawsIt(string names, int width)
    {
        var (export, cards) = Sample.Value;
        var renamed = cards.Select((c, i) => c with { UnitName = Name(names, i) }).ToArray();
        foreach (var lang in new[] { "zh", "en" })
        {
            var report = new ScoreReport(export, renamed, [], AsOf, lang);

            Render(report, width, spectreOnly: false).Should().Be(Render(report, width, spectreOnly: true));
        }
    }

    [Fact]
    public void Ranking_WithVetoesAndAComparison_DrawnAsSpectreDrawsIt()
    {
        var (export, cards) = Sample.Value;
        cards.Should().Contain(c => c.Vetoes.Count > 0, "the sample has a vetoed unit");
        var previous = ReadPrevious(export, cards);
        var report = new ScoreReport(export, cards, [], AsOf, "zh", Comparison.Build(previous, cards));

        Render(report, 160, spectreOnly: false).Should().Be(Render(report, 160, spectreOnly: true));
    }

    [Fact]
    public void Ranking_EqualTotalsShareARank_AndKeepInputOrder()
    {
        var c = Sample.Value.Cards;
        Scorecard[] cards = [c[0] with { Total = 80m }, c[1] with { Total = 90m }, c[2] with { Total = 80m }, c[3] with { Total = 79.99m }];

        var ranked = Insights.Rank(cards);

        ranked.Select(r => (r.Card.UnitId, r.Rank)).Should().Equal(
            (c[1].UnitId, 1), (c[0].UnitId, 2), (c[2].UnitId, 2), (c[3].UnitId, 4));
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void Ranking_OfCardsKeptForIt_IsTheRankingOfTheFullCards(string lang)
    {
        // `score` keeps only what the ranking needs of each unit once there are two (Insights.ForRanking).
        var (export, cards) = Sample.Value;
        var previous = ReadPrevious(export, cards);
        var kept = cards.Select(Insights.ForRanking).ToArray();
        kept.SelectMany(c => c.Items).Should().OnlyContain(i => i.Explanation.Zh.Length == 0 && i.Evidence.Count == 0);

        var full = new ScoreReport(export, cards, [], AsOf, lang, Comparison.Build(previous, cards));
        var ranked = new ScoreReport(export, kept, [], AsOf, lang, Comparison.Build(previous, kept));

        Render(ranked, 160, spectreOnly: true).Should().Be(Render(full, 160, spectreOnly: true));
    }

    [Theory]
    [InlineData("ab", 2)]
    [InlineData("单位", 4)]
    [InlineData("ａｂ", 4)]
    [InlineData("“引号”·→", 8)]
    [InlineData("a\tb", -1)]
    [InlineData("e\u0301", -1)]
    [InlineData("😀", -1)]
    public void Width_CountsColumnsOrRefuses(string text, int width) => PlainTable.Width(text).Should().Be(width);

    private static string Render(ScoreReport report, int width, bool spectreOnly)
    {
        using var w = new StringWriter();
        TableRenderer.Write(w, report, terminal: false, width, spectreOnly);
        return w.ToString();
    }

    private static string Name(string kind, int i) => kind switch
    {
        "cjk" => i % 2 == 0 ? $"中共某某县委员会第{i}理论学习中心组" : $"Ｆｕｌｌ“宽”·单位{i}",
        "brackets" => $"单位 [{i}] [red]x[/]",
        "emoji" => $"单位😀{i}",
        "combining" => $"Unite\u0301 {i}",
        "long" => string.Concat(Enumerable.Repeat("很长的单位名称", 12)) + i,
        "control" => $"单位\t{i}",
        _ => $"Unit {i}",
    };

    /// <summary>A previous run of every unit but the first, each one point lower, written to a temporary file, read
    /// back and the file deleted.</summary>
    internal static PreviousRun ReadPrevious(Assessment.Core.Model.Export export, Scorecard[] cards)
    {
        var path = Path.Combine(Path.GetTempPath(), $"assess-previous-{Guid.NewGuid():N}.json");
        try
        {
            using (var w = new StreamWriter(path))
            {
                var lowered = cards.Skip(1).Select(c => c with { Total = c.Total - 1 });
                JsonRenderer.Write(w, Task.FromResult(export), lowered, () => [], AsOf, "zh");
            }

            return PreviousRun.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
