using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace Assessment.Benchmarks;

/// <summary>The commands of issue 6 as a user runs them, each a process of its own: process start, the JIT and the
/// tool's runtime settings included (the in-process benchmarks leave them out). Python's csv module over the same files
/// is the yardstick of the read; its time here includes the interpreter's start (about 0.03 s). Needs the tool and
/// this project built in Release (`dotnet build -c Release`), python3 and /bin/sh.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class CommandLineBenchmarks
{
    [Params(20_000)]
    public int Units { get; set; }

    private string _folder = "";
    private string _root = "";
    private string _output = "";
    private string _previous = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Exports.Folder(Units);
        _root = Root();
        _output = Path.Combine(Path.GetTempPath(), $"assess-cli-bench-{Environment.ProcessId}.json");
        _previous = Path.Combine(Path.GetTempPath(), $"assess-cli-bench-{Environment.ProcessId}-previous.json");
        foreach (var file in new[] { Tool, Helper, Script })
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"{file} is missing: run `dotnet build -c Release` first");
            }
        }

        // Last year's run for --compare-to: the same export scored once (358 MB of JSON at 20,000 units).
        Run("dotnet", [Tool, "score", _folder, "--format", "json", "--as-of", "2025-01-15", "-o", _previous]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_output);
        File.Delete(_previous);
    }

    private string Tool => Path.Combine(_root, "Assessment.Cli", "bin", "Release", "net10.0", "assess.dll");

    private string Helper => Path.Combine(_root, "Assessment.Benchmarks", "bin", "Release", "net10.0", "Assessment.Benchmarks.dll");

    private string Script => Path.Combine(_root, "Assessment.Benchmarks", "scripts", "pycsv.py");

    [Benchmark(Baseline = true)]
    public int PythonCsv() => Run("python3", [Script, _folder]);

    /// <summary>What the Python script does, with CsvHelper (the tool's CSV reader): every file tokenised into strings on
    /// one thread, nothing typed or checked. The like-for-like comparison with Python's csv module.</summary>
    [Benchmark]
    public int CsvHelperTokenise() => Run("dotnet", [Helper, "tokenize-all", _folder],
        ("DOTNET_gcServer", "1"), ("DOTNET_TieredPGO", "0"), ("DOTNET_TC_CallCountingDelayMs", "0"), ("DOTNET_TC_CallCountThreshold", "1000"));

    /// <summary>The bare read in a fresh process, with the tool's runtime settings (Assessment.Cli.csproj).</summary>
    [Benchmark]
    public int Read() => Run("dotnet", [Helper, "reads", _folder, "1"],
        ("DOTNET_gcServer", "1"), ("DOTNET_TieredPGO", "0"), ("DOTNET_TC_CallCountingDelayMs", "0"), ("DOTNET_TC_CallCountThreshold", "1000"));

    /// <summary>The read as <c>validate</c> and <c>score</c> make it of a CSV folder: unit by unit, each unit dropped.</summary>
    [Benchmark]
    public int ReadStreamed() => Run("dotnet", [Helper, "reads", _folder, "1"],
        ("DOTNET_gcServer", "1"), ("DOTNET_TieredPGO", "0"), ("DOTNET_TC_CallCountingDelayMs", "0"), ("DOTNET_TC_CallCountThreshold", "1000"), ("STREAM", "1"));

    [Benchmark]
    public int Validate() => Run("dotnet", [Tool, "validate", _folder, "--as-of", "2025-01-15"]);

    /// <summary>Each iteration writes a new file (replacing one makes ext4 flush it: the file system's work).</summary>
    [IterationSetup(Targets = [nameof(ScoreToJson), nameof(ScoreToJsonComparedTo)])]
    public void NewFile() => File.Delete(_output);

    [Benchmark]
    public int ScoreToJson() => Run("dotnet", [Tool, "score", _folder, "--format", "json", "--as-of", "2025-01-15", "-o", _output]);

    /// <summary>Year over year: the same, with every unit compared to a previous run of the same size.</summary>
    [Benchmark]
    public int ScoreToJsonComparedTo() =>
        Run("dotnet", [Tool, "score", _folder, "--format", "json", "--as-of", "2025-01-15", "-o", _output, "--compare-to", _previous]);

    private static int Run(string program, string[] arguments, params (string Name, string Value)[] environment)
    {
        // Standard output goes to /dev/null, as in scripts/interleaved.sh: through a pipe to this process, `validate`'s
        // 20 MB of text cost it about half a second more on two cores.
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" > /dev/null");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.GetAwaiter().GetResult()}");
        }

        return process.ExitCode;
    }

    /// <summary>The repository: the first folder up from here that holds Assessment.sln.</summary>
    private static string Root()
    {
        foreach (var from in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Assessment.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run from inside the repository: Assessment.sln not found");
    }
}
