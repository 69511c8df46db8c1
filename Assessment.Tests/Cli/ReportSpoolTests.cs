using Assessment.Cli;
using Assessment.Cli.Rendering;

namespace Assessment.Tests.Cli;

/// <summary><c>score --format markdown|html</c> writes each unit's section to a spool file as the unit is scored and
/// keeps only what the ranking needs (<see cref="Spool"/>, <see cref="Insights.ForRanking"/>). The report must be
/// the one rendered whole from the full scorecards, which is the oracle here.</summary>
public sealed class ReportSpoolTests
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);

    [Theory]
    [InlineData("html", "zh")]
    [InlineData("html", "en")]
    [InlineData("markdown", "zh")]
    [InlineData("markdown", "en")]
    public void Report_WithTheUnitsSpooled_IsTheReportRenderedWhole(string format, string lang)
    {
        var (export, cards) = PlainTableTests.Sample.Value;
        var previous = PlainTableTests.ReadPrevious(export, cards);
        var whole = new ScoreReport(export, cards, [], AsOf, lang, Comparison.Build(previous, cards));

        using var spool = new Spool(null, Environment.NewLine);
        var text = new Text(lang);
        foreach (var card in cards)
        {
            if (format == "html")
            {
                HtmlRenderer.WriteUnit(spool.Writer, card, text, previous.Delta(card));
            }
            else
            {
                MarkdownRenderer.WriteUnit(spool.Writer, card, text, previous.Delta(card));
            }
        }

        var kept = cards.Select(Insights.ForRanking).ToArray();
        var ranked = new ScoreReport(export, kept, [], AsOf, lang, Comparison.Build(previous, kept));

        var expected = Render(format, whole, null);
        var explanation = cards[0].Items[0].Explanation.Text(lang);
        expected.Should().Contain(format == "html" ? System.Net.WebUtility.HtmlEncode(explanation) : explanation, "the units' sections are in it");
        Render(format, ranked, spool).Should().Be(expected);
    }

    private static string Render(string format, ScoreReport report, Spool? units)
    {
        using var w = new StringWriter();
        if (format == "html")
        {
            HtmlRenderer.Write(w, report, units);
        }
        else
        {
            MarkdownRenderer.Write(w, report, units);
        }

        return w.ToString();
    }
}
