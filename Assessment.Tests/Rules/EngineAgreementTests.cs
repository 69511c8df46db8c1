using Assessment.Core.Diagnostics;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Rules;

/// <summary>The NRules engine, reading generated CSV in random spellings, must agree with the plain-C# reference
/// evaluator scoring the generator's own model, on every item, status, evidence set, veto, bonus, total and grade.</summary>
public sealed class EngineAgreementTests
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);

    [Theory]
    [InlineData(1, 25, 80, null)]
    [InlineData(2, 3, 40, "grassroots")]
    [InlineData(3, 3, 40, "standard")]
    public void Engine_AgreesWithReference_OnGeneratedUnits(int seed, int exports, int unitsPerExport, string? rubric)
    {
        var assessor = rubric is null ? Assessor.Create() : Assessor.Create(RubricCatalog.Load(rubric));
        var mismatches = new List<string>();
        var statuses = new Dictionary<string, HashSet<ItemStatus>>();
        var scored = 0;
        for (var e = 0; e < exports; e++)
        {
            using var temp = new TempExport();
            var model = new ExportGenerator(seed * 1000 + e).Write(temp.Folder, unitsPerExport, $"G{e}-", AsOf);
            var export = temp.Read(assessor.ReadOptions(AsOf));

            export.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty("the generator writes valid exports only");
            export.Units.Select(u => u.UnitId).Should().Equal(model.Select(u => u.UnitId));
            foreach (var (result, unit) in assessor.ScoreAll(export, AsOf).Zip(model))
            {
                result.Failure.Should().BeNull();
                Compare(result.Scorecard!, ReferenceEvaluator.Evaluate(unit, rubric, AsOf), mismatches);
                foreach (var item in result.Scorecard!.Items)
                {
                    (statuses.TryGetValue(item.Id, out var set) ? set : statuses[item.Id] = []).Add(item.Status);
                }
                scored++;
            }
        }

        scored.Should().Be(exports * unitsPerExport);
        mismatches.Should().BeEmpty();

        // The generator must exercise the rubric, not just produce zeros: every item in at least two statuses
        // (ZJ-02 can only be Met or NoEvidence) and every status somewhere.
        statuses.Should().HaveCount(35);
        statuses.Where(kv => kv.Value.Count < 2).Select(kv => kv.Key).Should().BeEmpty();
        statuses.Values.SelectMany(v => v).Distinct().Should().HaveCount(Enum.GetValues<ItemStatus>().Length);
    }

    private static void Compare(Scorecard card, ReferenceEvaluator.Result want, List<string> mismatches)
    {
        void Check<T>(string what, T got, T expected)
        {
            if (!EqualityComparer<T>.Default.Equals(got, expected) && mismatches.Count < 40)
            {
                mismatches.Add($"{card.UnitId} {what}: engine {got}, reference {expected}");
            }
        }

        foreach (var (got, expected) in card.Items.Zip(want.Items))
        {
            Check($"{got.Id} id", got.Id, expected.Id);
            Check($"{got.Id} score", got.Score, expected.Score);
            Check($"{got.Id} status", got.Status.ToString(), expected.Status);
            Check($"{got.Id} evidence", string.Join(",", got.Evidence.Distinct().Order(StringComparer.Ordinal)), string.Join(",", expected.Evidence.Order(StringComparer.Ordinal)));
        }

        Check("vetoes", string.Join(",", card.Vetoes.Select(v => v.Id)), string.Join(",", want.Vetoes));
        foreach (var (id, points) in want.Bonus)
        {
            Check(id, card.BonusItems.FirstOrDefault(b => b.Id == id)?.Points ?? 0, points);
        }

        Check("base", card.Base, want.Base);
        Check("bonus", card.Bonus, want.BonusTotal);
        Check("total", card.Total, want.Total);
        Check("totalWithoutWaivers", card.TotalWithoutWaivers, want.TotalWithoutWaivers);
        Check("grade", Labels.Code(card.Grade), want.Grade);
    }
}
