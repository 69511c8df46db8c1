using System.Diagnostics;
using Assessment.Core.Import;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;

namespace Assessment.Benchmarks;

/// <summary>A quick breakdown of where a run's time and memory go (not a benchmark: one pass, wall clock).</summary>
internal static class Profile
{
    private static void Phases(Assessment.Core.Model.UnitRecord[] units)
    {
        var rubric = RubricCatalog.Standard;
        var factory = Assessment.Rules.Engine.RuleInventory.Factory;
        double create = 0, build = 0, insert = 0, fire = 0, query = 0, card = 0;
        var w = new Stopwatch();
        foreach (var u in units)
        {
            w.Restart();
            var session = factory.CreateSession();
            create += w.Elapsed.TotalMilliseconds;
            w.Restart();
            var facts = Assessment.Rules.Facts.FactBuilder.Build(u);
            build += w.Elapsed.TotalMilliseconds;
            w.Restart();
            facts.Add(rubric);
            session.InsertAll(facts);
            insert += w.Elapsed.TotalMilliseconds;
            w.Restart();
            session.Fire();
            fire += w.Elapsed.TotalMilliseconds;
            w.Restart();
            var items = session.Query<Assessment.Core.Scoring.ItemOutcome>().ToArray();
            var vetoes = session.Query<Assessment.Core.Scoring.VetoOutcome>().ToArray();
            var bonus = session.Query<Assessment.Core.Scoring.BonusOutcome>().ToArray();
            query += w.Elapsed.TotalMilliseconds;
            w.Restart();
            Assessment.Core.Scoring.ScorecardBuilder.Build(rubric, u.Unit, items, vetoes, bonus, u.Waivers, Exports.AsOf);
            card += w.Elapsed.TotalMilliseconds;
        }

        var n = units.Length;
        Console.WriteLine($"  per unit: create {create / n:F3}, facts {build / n:F3}, insert {insert / n:F3}, fire {fire / n:F3}, query {query / n:F3}, scorecard {card / n:F3} ms; {units.Average(u => Assessment.Rules.Facts.FactBuilder.Build(u).Count):F0} facts");
    }

    public static void Run(string folder)
    {
        var assessor = Assessor.Create();
        var w = Stopwatch.StartNew();
        var export = CsvExport.Read(folder, assessor.ReadOptions(Exports.AsOf));
        Console.WriteLine($"read: {w.Elapsed.TotalSeconds:F2} s, {export.Units.Count} units, heap {GC.GetTotalMemory(true) / 1_000_000} MB after GC");
        var units = export.Units.Take(2000).ToArray();
        w.Restart();
        foreach (var u in units)
        {
            ReferenceEvaluator.Evaluate(u, null, Exports.AsOf);
        }

        Console.WriteLine($"reference: {w.Elapsed.TotalMilliseconds / units.Length:F3} ms/unit");
        w.Restart();
        foreach (var u in units)
        {
            assessor.Score(u, Exports.AsOf);
        }

        Console.WriteLine($"engine: {w.Elapsed.TotalMilliseconds / units.Length:F3} ms/unit (1 thread, cold)");
        w.Restart();
        foreach (var u in units)
        {
            assessor.Score(u, Exports.AsOf);
        }

        Console.WriteLine($"engine: {w.Elapsed.TotalMilliseconds / units.Length:F3} ms/unit (1 thread, warm)");
        Phases(units);
        w.Restart();
        var n = assessor.ScoreAll(export, Exports.AsOf).Count();
        Console.WriteLine($"engine, all {n} units, all cores: {w.Elapsed.TotalSeconds:F2} s");
    }
}
