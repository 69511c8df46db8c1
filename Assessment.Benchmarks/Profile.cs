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
        long aCreate = 0, aBuild = 0, aInsert = 0, aFire = 0, aQuery = 0, aCard = 0; long a0;
        var w = new Stopwatch();
        foreach (var u in units)
        {
            a0 = GC.GetAllocatedBytesForCurrentThread();
            w.Restart();
            var session = factory.CreateSession();
            var sink = new OutcomeSink();
            session.DependencyResolver = sink;
            create += w.Elapsed.TotalMilliseconds; aCreate += GC.GetAllocatedBytesForCurrentThread() - a0; a0 = GC.GetAllocatedBytesForCurrentThread();
            w.Restart();
            var facts = Assessment.Rules.Facts.FactBuilder.Build(u);
            build += w.Elapsed.TotalMilliseconds; aBuild += GC.GetAllocatedBytesForCurrentThread() - a0; a0 = GC.GetAllocatedBytesForCurrentThread();
            w.Restart();
            facts.Add(rubric);
            session.InsertAll(facts);
            insert += w.Elapsed.TotalMilliseconds; aInsert += GC.GetAllocatedBytesForCurrentThread() - a0; a0 = GC.GetAllocatedBytesForCurrentThread();
            w.Restart();
            session.Fire();
            fire += w.Elapsed.TotalMilliseconds; aFire += GC.GetAllocatedBytesForCurrentThread() - a0; a0 = GC.GetAllocatedBytesForCurrentThread();
            w.Restart();
            var (items, vetoes, bonus) = (sink.Items, sink.Vetoes, sink.Bonus);
            query += w.Elapsed.TotalMilliseconds; aQuery += GC.GetAllocatedBytesForCurrentThread() - a0; a0 = GC.GetAllocatedBytesForCurrentThread();
            w.Restart();
            Assessment.Core.Scoring.ScorecardBuilder.Build(rubric, u.Unit, items, vetoes, bonus, u.Waivers, Exports.AsOf);
            card += w.Elapsed.TotalMilliseconds; aCard += GC.GetAllocatedBytesForCurrentThread() - a0; a0 = GC.GetAllocatedBytesForCurrentThread();
        }

        var n = units.Length;
        Console.WriteLine($"  allocated per unit: create {aCreate / n / 1000.0:F1}, facts {aBuild / n / 1000.0:F1}, insert {aInsert / n / 1000.0:F1}, fire {aFire / n / 1000.0:F1}, query {aQuery / n / 1000.0:F1}, scorecard {aCard / n / 1000.0:F1} KB");
        Console.WriteLine($"  per unit: create {create / n:F3}, facts {build / n:F3}, insert {insert / n:F3}, fire {fire / n:F3}, query {query / n:F3}, scorecard {card / n:F3} ms; {units.Average(u => Assessment.Rules.Facts.FactBuilder.Build(u).Count):F0} facts");
    }

    public static void Run(string folder)
    {
        var assessor = Assessor.Create();
        var w = Stopwatch.StartNew();
        var export = CsvExport.Read(folder, assessor.ReadOptions(Exports.AsOf));
        Console.WriteLine($"read: {w.Elapsed.TotalSeconds:F2} s (first)"); w.Restart(); export = CsvExport.Read(folder, assessor.ReadOptions(Exports.AsOf));
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
