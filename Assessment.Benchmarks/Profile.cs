using System.Diagnostics;
using Assessment.Core.Import;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;

namespace Assessment.Benchmarks;

/// <summary>A quick breakdown of where a run's time and memory go (not a benchmark: one pass, wall clock).</summary>
internal static class Profile
{
    /// <summary>Time and bytes allocated per engine phase, summed over units.</summary>
    private sealed class Phase(string name)
    {
        private readonly Stopwatch _watch = new();
        private long _bytes;
        private long _start;

        public string Name { get; } = name;

        public void Start()
        {
            _start = GC.GetAllocatedBytesForCurrentThread();
            _watch.Start();
        }

        public void Stop()
        {
            _watch.Stop();
            _bytes += GC.GetAllocatedBytesForCurrentThread() - _start;
        }

        public string Report(int units) => $"{Name} {_watch.Elapsed.TotalMilliseconds / units:F3} ms {_bytes / units / 1000.0:F1} KB";
    }

    /// <summary>The engine's phases for units with no rows at all: the fixed cost of a rules session.</summary>
    public static void Empty()
    {
        var units = Enumerable.Range(0, 5000).Select(i => new UnitBuilder(2024, $"E{i}").Build()).ToArray();
        foreach (var batch in new[] { 1, 8, 16, 32, 1, 8, 16, 32 })
        {
            Phases(units, batch);
        }
    }

    /// <summary>Per unit, in sessions of <paramref name="batch"/> units as <see cref="Assessor.ScoreAll"/> makes them.</summary>
    internal static void Phases(Assessment.Core.Model.UnitRecord[] units, int batch = Assessor.BatchSize)
    {
        var rubric = RubricCatalog.Standard;
        var factory = Assessment.Rules.Engine.RuleInventory.Factory;
        Phase create = new("create"), build = new("facts"), insert = new("insert"), fire = new("fire"), card = new("scorecard");
        foreach (var chunk in units.Chunk(batch))
        {
            create.Start();
            var session = factory.CreateSession();
            create.Stop();
            build.Start();
            var facts = chunk.Select(u => Assessment.Rules.Facts.FactBuilder.Build(u, rubric)).ToArray();
            build.Stop();
            insert.Start();
            session.InsertAll(facts.SelectMany(f => f));
            insert.Stop();
            fire.Start();
            session.Fire();
            fire.Stop();
            card.Start();
            foreach (var (u, f) in chunk.Zip(facts))
            {
                var sink = ((Assessment.Rules.Facts.UnitFacts)f[0]).Outcomes;
                Assessment.Core.Scoring.ScorecardBuilder.Build(rubric, u.Unit, sink.Items, sink.Vetoes, sink.Bonus, u.Waivers, Exports.AsOf);
            }

            card.Stop();
        }

        var n = units.Length;
        Console.WriteLine($"  batches of {batch}, per unit: {string.Join(", ", new[] { create, build, insert, fire, card }.Select(p => p.Report(n)))}; "
            + $"{units.Average(u => Assessment.Rules.Facts.FactBuilder.Build(u, rubric).Count):F0} facts");
    }

    public static void Run(string folder)
    {
        var assessor = Assessor.Create();
        var w = Stopwatch.StartNew();
        var export = CsvExport.Read(folder, assessor.ReadOptions(Exports.AsOf));
        Console.WriteLine($"read: {w.Elapsed.TotalSeconds:F2} s (first in this process)");
        w.Restart();
        export = CsvExport.Read(folder, assessor.ReadOptions(Exports.AsOf));
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
        foreach (var batch in new[] { 1, 8, 16, 32, 1, 8, 16, 32 })
        {
            Phases(units, batch);
        }
        w.Restart();
        var n = assessor.ScoreAll(export, Exports.AsOf).Count();
        Console.WriteLine($"engine, all {n} units, all cores: {w.Elapsed.TotalSeconds:F2} s");
    }
}
