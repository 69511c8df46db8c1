using System.Diagnostics;
using System.Text;
using Assessment.Cli.Rendering;
using Assessment.Core.Import;
using Assessment.Rules.Engine;

namespace Assessment.Benchmarks;

/// <summary>What writing the scorecards costs, per format, apart from scoring them (one thread, wall clock).</summary>
internal static class OutputCost
{
    public static void Run(string folder)
    {
        var assessor = Assessor.Create();
        var export = CsvExport.Read(folder, assessor.ReadOptions(Exports.AsOf));
        var cards = assessor.ScoreAll(export, Exports.AsOf).Select(s => s.Scorecard!).ToList();
        for (var round = 0; round < 3; round++)
        {
            foreach (var format in new[] { "json", "csv" })
            {
                var counter = new CountingStream();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                using (var w = new StreamWriter(counter, new UTF8Encoding(false), 1 << 16))
                {
                    if (format == "json")
                    {
                        JsonRenderer.Write(w, Task.FromResult(export), cards, () => [], Exports.AsOf, "zh");
                    }
                    else
                    {
                        CsvRenderer.Write(w, cards, "zh", null);
                    }
                }

                Console.WriteLine($"{format}: {watch.Elapsed.TotalSeconds:F2} s, {counter.Length / 1_000_000} MB written, {(GC.GetAllocatedBytesForCurrentThread() - before) / 1_000_000} MB allocated");
            }
        }
    }

    /// <summary>What `score --format json` does, phase by phase, with wall and CPU time and collections: run it with
    /// the tool's runtime settings (DOTNET_gcServer=1 DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=0 DOTNET_TC_CallCountThreshold=1000).</summary>
    public static void Phases(string folder, string output)
    {
        var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        (TimeSpan Wall, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan Pause) Now()
        {
            process.Refresh();
            return (watch.Elapsed, process.TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        }

        void Report(string phase, (TimeSpan Wall, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan Pause) from)
        {
            var to = Now();
            Console.WriteLine($"{phase}: wall {(to.Wall - from.Wall).TotalSeconds:F2} s, cpu {(to.Cpu - from.Cpu).TotalSeconds:F2} s, "
                + $"GCs {to.Gen0 - from.Gen0}/{to.Gen1 - from.Gen1}/{to.Gen2 - from.Gen2}, paused {(to.Pause - from.Pause).TotalSeconds:F2} s");
        }

        var start = Now();
        var assessor = Assessor.Create();
        Report("compile rules", start);
        var t = Now();
        var export = CsvExport.Read(folder, assessor.ReadOptions(Exports.AsOf));
        Report("read", t);
        if (Environment.GetEnvironmentVariable("PHASES_COLLECT") == "1")
        {
            t = Now();
            GC.Collect();
            Report("full collection", t);
        }

        t = Now();
        using (var w = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 20))
        {
            // As the tool does it: each unit rendered on the thread that scored it.
            var units = assessor.ScoreAllThen(export, Exports.AsOf, s => JsonRenderer.Render(s.Scorecard!, "zh", null, w.NewLine));
            JsonRenderer.Write(w, Task.FromResult(export), units, () => [], Exports.AsOf, "zh");
        }

        Report("score and write JSON", t);
        Report("total", start);
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
