using System.Diagnostics;
using Assessment.Cli;

namespace Assessment.Benchmarks;

/// <summary>The two commands of issue 6's ratio, alternately in one warm process (a diagnostic aid, not a benchmark):
/// for each, wall and CPU time, the collector's pauses, bytes allocated and collections. A full collection before
/// each command leaves the previous one's garbage out of its figures. Since both cores are busy through both
/// commands, the CPU times say what the wall times can at best become.</summary>
internal static class WarmCommands
{
    public static void Run(string folder, int rounds, string[] commands)
    {
        var terminal = new Terminal(TextWriter.Null, TextWriter.Null, false, false);
        var output = Path.Combine(Path.GetTempPath(), $"assess-warm-{Environment.ProcessId}.json");
        using var process = Process.GetCurrentProcess();
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var command in commands)
                {
                    File.Delete(output);
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    process.Refresh();
                    var cpu = process.TotalProcessorTime;
                    var pause = GC.GetTotalPauseDuration();
                    var allocated = GC.GetTotalAllocatedBytes();
                    var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                    var watch = Stopwatch.StartNew();
                    string[] args = command == "score"
                        ? ["score", folder, "--format", "json", "--as-of", "2025-01-15", "-o", output]
                        : ["validate", folder, "--as-of", "2025-01-15"];
                    Assessment.Cli.Cli.Run(args, terminal);
                    var wall = watch.Elapsed;
                    process.Refresh();
                    Console.WriteLine($"round {round} {command,-8} wall {wall.TotalSeconds:F2} s, cpu {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s, "
                        + $"paused {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1_000_000} MB, "
                        + $"GCs {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}");
                }
            }
        }
        finally
        {
            File.Delete(output);
        }
    }
}
