using Assessment.Cli;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;
using BenchmarkDotNet.Attributes;

namespace Assessment.Benchmarks;

/// <summary>Reading an export: decode, tokenise, type and check every row, group by unit.</summary>
[MemoryDiagnoser]
[ToolRuntimeJob(warmupCount: 1, iterationCount: 5)]
public class ReadBenchmarks
{
    [Params(1_000, 10_000, 20_000)]
    public int Units { get; set; }

    private string _folder = "";

    [GlobalSetup]
    public void Setup() => _folder = Exports.Folder(Units);

    [Benchmark]
    public int Read() => CsvExport.Read(_folder).Units.Count;

    /// <summary>The read <c>validate</c> and <c>score</c> make of a CSV folder: unit by unit, each unit dropped.</summary>
    [Benchmark]
    public int ReadStreamed() => CsvExport.Stream(_folder, null, _ => { }).ValidUnitCount;
}

/// <summary>Reading the same export as one JSON file: whole, and unit by unit as the commands read it.</summary>
[MemoryDiagnoser]
[ToolRuntimeJob(warmupCount: 1, iterationCount: 5)]
public class JsonReadBenchmarks
{
    [Params(1_000, 10_000)]
    public int Units { get; set; }

    private string _file = "";

    [GlobalSetup]
    public void Setup() => _file = Exports.Json(Units);

    [Benchmark(Baseline = true)]
    public int Read() => JsonExport.Read(_file).Units.Count;

    [Benchmark]
    public int ReadStreamed() => JsonExport.Stream(_file, null, _ => { }).ValidUnitCount;
}

/// <summary>Scoring units already read: the plain-C# reference evaluator (the lower bound for scoring) against the
/// NRules engine as the tool runs it and with a session per unit, on one thread.</summary>
[MemoryDiagnoser]
[ToolRuntimeJob(warmupCount: 1, iterationCount: 5)]
public class ScoreBenchmarks
{
    [Params(1_000, 10_000, 20_000)]
    public int Units { get; set; }

    private Export _export = null!;
    private Assessor _assessor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _assessor = Assessor.Create();
        _export = CsvExport.Read(Exports.Folder(Units), _assessor.ReadOptions(Exports.AsOf));
    }

    [Benchmark(Baseline = true)]
    public decimal Reference()
    {
        decimal sum = 0;
        foreach (var u in _export.Units)
        {
            sum += ReferenceEvaluator.Evaluate(u, null, Exports.AsOf).Total;
        }

        return sum;
    }

    /// <summary>The engine as the tool runs it (<see cref="Assessor.ScoreAll"/>: sessions of 16 units), on one thread.</summary>
    [Benchmark]
    public decimal Engine() => _assessor.ScoreAll(_export, Exports.AsOf, parallelism: 1).Sum(s => s.Scorecard!.Total);

    /// <summary>The engine with a session of its own for every unit (<see cref="Assessor.Score"/>), on one thread.</summary>
    [Benchmark]
    public decimal EngineSessionPerUnit()
    {
        decimal sum = 0;
        foreach (var u in _export.Units)
        {
            sum += _assessor.Score(u, Exports.AsOf).Total;
        }

        return sum;
    }
}

/// <summary>End to end, as <c>assess score --format json -o file</c> does it: files in, JSON out to a temporary file, all
/// cores.</summary>
[MemoryDiagnoser]
[ToolRuntimeJob(warmupCount: 1, iterationCount: 3)]
public class EndToEndBenchmarks
{
    [Params(1_000, 10_000, 20_000)]
    public int Units { get; set; }

    private string _folder = "";

    private readonly string _output = Path.Combine(Path.GetTempPath(), $"assess-bench-{Environment.ProcessId}.json");

    private readonly string _replaced = Path.Combine(Path.GetTempPath(), $"assess-bench-{Environment.ProcessId}-replaced.json");

    [GlobalSetup]
    public void Setup() => _folder = Exports.Folder(Units);

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_output);
        File.Delete(_replaced);
    }

    /// <summary>Each iteration writes a new file, as the main command-line figure does: replacing a file makes ext4
    /// flush the new one and free the old one's blocks, which is the file system's work (see ScoreToJsonReplacing).</summary>
    [IterationSetup(Target = nameof(ScoreToJson))]
    public void NewFile() => File.Delete(_output);

    [Benchmark]
    public int ScoreToJson() => Score(_output);

    /// <summary>As ScoreToJson, replacing the previous iteration's file (what this benchmark measured until the seventh
    /// session).</summary>
    [Benchmark]
    public int ScoreToJsonReplacing() => Score(_replaced);

    private int Score(string output) =>
        Assessment.Cli.Cli.Run(["score", _folder, "--format", "json", "--as-of", "2025-01-15", "-o", output], new Terminal(TextWriter.Null, TextWriter.Null, false, false));

    [Benchmark]
    public int Validate() => Assessment.Cli.Cli.Run(["validate", _folder, "--as-of", "2025-01-15"], new Terminal(TextWriter.Null, TextWriter.Null, false, false));
}

/// <summary>How the cost grows with the size of a unit: members and sessions per unit, 1,000 units. The read and the
/// command end to end grow with the rows (attendance is members × sessions); the engine with the facts, which are
/// already folded per session and per member. Five warm-up iterations, since `ScoreToJson` runs the whole command once
/// per iteration: its code must reach its final tier before the measured iterations (docs/performance.md).</summary>
[MemoryDiagnoser]
[ToolRuntimeJob(warmupCount: 5, iterationCount: 7)]
public class ShapeBenchmarks
{
    [Params(5, 15, 40)]
    public int Members { get; set; }

    [Params(6, 12, 24)]
    public int Sessions { get; set; }

    private string _folder = "";
    private Export _export = null!;
    private Assessor _assessor = null!;
    private readonly string _output = Path.Combine(Path.GetTempPath(), $"assess-shape-{Environment.ProcessId}.json");

    [GlobalSetup]
    public void Setup()
    {
        _folder = Exports.Folder(1_000, Members, Sessions);
        _assessor = Assessor.Create();
        _export = CsvExport.Read(_folder, _assessor.ReadOptions(Exports.AsOf));
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);

    /// <summary>Reading the export, as <see cref="ReadBenchmarks.Read"/>.</summary>
    [Benchmark]
    public int Read() => CsvExport.Read(_folder).Units.Count;

    /// <summary>The engine as the tool runs it (sessions of 16 units), on one thread.</summary>
    [Benchmark]
    public decimal Engine() => _assessor.ScoreAll(_export, Exports.AsOf, parallelism: 1).Sum(s => s.Scorecard!.Total);

    /// <summary><c>assess score --format json -o file</c>, as <see cref="EndToEndBenchmarks.ScoreToJson"/>.</summary>
    [Benchmark]
    public int ScoreToJson() => Assessment.Cli.Cli.Run(["score", _folder, "--format", "json", "--as-of", "2025-01-15", "-o", _output],
        new Terminal(TextWriter.Null, TextWriter.Null, false, false));

    /// <summary>Each iteration writes a new file, as <see cref="EndToEndBenchmarks.NewFile"/>.</summary>
    [IterationSetup(Target = nameof(ScoreToJson))]
    public void NewFile() => File.Delete(_output);
}
