using System.Diagnostics;
using System.Globalization;
using Assessment.Benchmarks;
using Assessment.Tests.TestAssets;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project Assessment.Benchmarks -- generate <folder> <units> [members] [sessions]
// dotnet run -c Release --project Assessment.Benchmarks -- [BenchmarkDotNet arguments, e.g. --filter *Read*]
// Diagnostic helpers (one pass, wall clock; not benchmarks): reads <folder> <n> (GCTRACE=1: each collection; JITTRACE=1: methods compiled, by tier;
// STREAM=1: the streamed read, each unit dropped as handed on; with it LIVE=<n>: the live heap every n units) | engine <folder> [cold] |
// profile <folder> | outputcost <folder> | phases <folder> <out.json> | allocs <folder> read|score (STREAM=1 with read: unit by unit) |
// compile | tokenize <file> | mapcost <file> | poolcheck <file> | warm <folder> [rounds] [validate|score ...] (GCTRACE=1 as for reads). See docs/performance.md.
if (args.Length >= 3 && args[0] == "generate")
{
    var units = int.Parse(args[2], CultureInfo.InvariantCulture);
    int? members = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : null;
    int? sessions = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : null;
    var watch = Stopwatch.StartNew();
    Exports.Generate(args[1], units, members, sessions);
    var rows = Directory.GetFiles(args[1], "*.csv").Sum(f => File.ReadLines(f).Count() - 1);
    Console.WriteLine($"{units} units, {rows} rows in {args[1]} ({watch.Elapsed.TotalSeconds:F1} s)");
    return 0;
}

if (args.Length >= 2 && args[0] == "warm")
{
    var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
    using var trace = Environment.GetEnvironmentVariable("GCTRACE") == "1" ? new GcTrace() : null;
    WarmCommands.Run(args[1], rounds, args.Length > 3 ? args[3..] : ["validate", "score"]);
    return 0;
}

if (args.Length >= 2 && args[0] == "poolcheck")
{
    PoolCheck.Run(args[1]);
    return 0;
}

if (args.Length >= 2 && args[0] == "mapcost")
{
    MapCost.Run(args[1]);
    return 0;
}

if (args.Length >= 2 && args[0] == "tokenize-all")
{
    Tokenize.RunAll(args[1]);
    return 0;
}

if (args.Length >= 2 && args[0] == "tokenize")
{
    Tokenize.Run(args[1]);
    return 0;
}

if (args.Length >= 3 && args[0] == "reads")
{
    using var trace = Environment.GetEnvironmentVariable("GCTRACE") == "1" ? new GcTrace() : null;
    using var jits = Environment.GetEnvironmentVariable("JITTRACE") == "1" ? new JitTrace() : null;
    for (var i = 0; i < int.Parse(args[2], CultureInfo.InvariantCulture); i++)
    {
        var watch = Stopwatch.StartNew();
        var streamed = 0;
        var export = Environment.GetEnvironmentVariable("STREAM") == "1"
            ? Assessment.Core.Import.CsvExport.Stream(args[1], null, u =>
            {
                if (Environment.GetEnvironmentVariable("LIVE") is { } every && ++streamed % int.Parse(every, CultureInfo.InvariantCulture) == 0)
                {
                    Console.WriteLine($"  {u.UnitId}: live {GC.GetTotalMemory(true) / 1_000_000} MB");
                }
            })
            : Assessment.Core.Import.CsvExport.Read(args[1]);
        Console.WriteLine($"read {i + 1}: {watch.Elapsed.TotalSeconds:F2} s, {export.ValidUnitCount} units, allocated {GC.GetTotalAllocatedBytes() / 1_000_000} MB so far, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalSeconds:F2} s, jit {System.Runtime.JitInfo.GetCompiledMethodCount()} methods {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F2} s");
        if (Environment.GetEnvironmentVariable("HEAPINFO") == "1")
        {
            // The heap as the last collection left it, and what the process holds: where a peak's memory goes.
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            using var self = Process.GetCurrentProcess();
            Console.WriteLine($"  last GC (gen {info.Generation}): heap {info.HeapSizeBytes / 1_000_000} MB, fragmented {info.FragmentedBytes / 1_000_000} MB, promoted {info.PromotedBytes / 1_000_000} MB, committed {info.TotalCommittedBytes / 1_000_000} MB; now: managed {GC.GetTotalMemory(false) / 1_000_000} MB, working set {self.WorkingSet64 / 1_000_000} MB, peak {self.PeakWorkingSet64 / 1_000_000} MB");
        }
    }

    jits?.Print();

    return 0;
}

if (args.Length >= 3 && args[0] == "phases")
{
    OutputCost.Phases(args[1], args[2]);
    return 0;
}

if (args.Length >= 2 && args[0] == "outputcost")
{
    OutputCost.Run(args[1]);
    return 0;
}

if (args.Length >= 1 && args[0] == "emptycost")
{
    Profile.Empty();
    return 0;
}

if (args.Length >= 1 && args[0] == "compile")
{
    var watch = Stopwatch.StartNew();
    var names = Assessment.Rules.Engine.RuleInventory.RuleNames;
    Console.WriteLine($"rules loaded: {watch.Elapsed.TotalSeconds:F2} s ({names.Count} rules)");
    watch.Restart();
    _ = Assessment.Rules.Engine.RuleInventory.Factory;
    Console.WriteLine($"rules compiled: {watch.Elapsed.TotalSeconds:F2} s");
    return 0;
}

if (args.Length >= 2 && args[0] == "engine")
{
    var assessor = Assessment.Rules.Engine.Assessor.Create();
    var export = Assessment.Core.Import.CsvExport.Read(args[1], assessor.ReadOptions(Exports.AsOf));
    if (args.Length > 2 && args[2] == "cold")
    {
        var pause = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var n = assessor.ScoreAll(export, Exports.AsOf).Count();
        Console.WriteLine($"ScoreAll, all cores, cold: {watch.Elapsed.TotalSeconds:F2} s for {n} units, GC pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s");
        watch.Restart();
        n = assessor.ScoreAll(export, Exports.AsOf).Count();
        Console.WriteLine($"ScoreAll, all cores, again: {watch.Elapsed.TotalSeconds:F2} s for {n} units");
        return 0;
    }

    for (var round = 0; round < 3; round++)
    {
        var before = GC.GetTotalAllocatedBytes();
        var pause = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        foreach (var u in export.Units)
        {
            assessor.Score(u, Exports.AsOf);
        }

        Console.WriteLine($"engine, 1 thread: {watch.Elapsed.TotalSeconds:F2} s, {(GC.GetTotalAllocatedBytes() - before) / export.Units.Count / 1000.0:F1} KB/unit, GC pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s");
    }

    foreach (var degree in new[] { 1, 2, 1, 2 })
    {
        var pause = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var n = assessor.ScoreAll(export, Exports.AsOf, degree).Count();
        Console.WriteLine($"ScoreAll, parallelism {degree}: {watch.Elapsed.TotalSeconds:F2} s for {n} units, GC pause {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s");
    }

    return 0;
}

if (args.Length >= 3 && args[0] == "allocs")
{
    Allocations.Run(args[1], args[2]);
    return 0;
}

if (args.Length >= 2 && args[0] == "profile")
{
    Profile.Run(args[1]);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Exports).Assembly).Run(args);
return 0;
