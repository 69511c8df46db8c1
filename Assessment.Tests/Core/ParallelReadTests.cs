using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Core;

/// <summary>Large CSV files are tokenised and typed on every core, each worker with its own reused Cells; small ones
/// on one thread. The test exports are small, so here the threshold is lowered to zero and both paths must give the
/// same export: the same units and rows, the same diagnostics in the same order, the same scores.</summary>
public sealed class ParallelReadTests
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);

    // 2,500 units make an attendance file of several megabytes: CsvHelper splits it into many batches, so several
    // workers really type records at once (a 300-unit file is one batch, one worker).
    [Theory]
    [InlineData(11, 2_500, false)]
    [InlineData(12, 300, true)]
    [InlineData(13, 300, true)]
    public void ParallelRead_EqualsSequentialRead(int seed, int units, bool mutate)
    {
        using var temp = new TempExport();
        new ExportGenerator(seed).Write(temp.Folder, units, $"P{seed}-", AsOf);
        if (mutate)
        {
            var mutator = new ExportMutator(seed);
            for (var i = 0; i < 4; i++)
            {
                mutator.Mutate(temp.Folder);
            }
        }

        var assessor = Assessor.Create();
        var options = assessor.ReadOptions(AsOf);
        var sequential = CsvExport.Read(temp.Folder, options with { ParallelFromBytes = int.MaxValue });
        var parallel = CsvExport.Read(temp.Folder, options with { ParallelFromBytes = 0 });

        Describe(parallel).Should().Equal(Describe(sequential));
        if (mutate)
        {
            parallel.Diagnostics.Should().NotBeEmpty("the mutations break rows");
        }
        else
        {
            parallel.Units.Should().HaveCount(units);
        }

        assessor.ScoreAll(parallel, AsOf).Select(s => s.Scorecard?.Total).Should()
            .Equal(assessor.ScoreAll(sequential, AsOf).Select(s => s.Scorecard?.Total));
    }

    /// <summary>Every row and diagnostic as text, in order (records print their values; lists are expanded).</summary>
    internal static IEnumerable<string> Describe(Export export)
    {
        foreach (var d in export.Diagnostics)
        {
            yield return d.Format("en");
        }

        foreach (var u in export.InvalidUnits)
        {
            yield return $"invalid {u.UnitId} {u.Errors.Count}";
        }

        foreach (var u in export.Units)
        {
            yield return u.Unit.ToString();
            foreach (var row in u.Members.Cast<object>().Concat(u.Attendance).Concat(u.Speeches).Concat(u.Outputs)
                         .Concat(u.Documents).Concat(u.Events).Concat(u.Directives).Concat(u.Reviews).Concat(u.Waivers))
            {
                yield return row.ToString()!;
            }

            foreach (var s in u.Sessions)
            {
                yield return $"{s} {string.Join(",", s.Tags)} {string.Join(",", s.FreeTags)} {string.Join(",", s.DirectiveIds)}";
            }
        }

        foreach (var (table, count) in export.RowCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            yield return $"{table} {count}";
        }
    }
}
