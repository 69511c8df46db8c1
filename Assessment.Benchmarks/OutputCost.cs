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
                        JsonRenderer.Write(w, export, cards, () => [], Exports.AsOf, "zh");
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
