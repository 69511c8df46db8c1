using System.Collections.Concurrent;
using Assessment.Core.Import;
using Assessment.Core.Model;

namespace Assessment.Cli.Commands;

/// <summary>An export read unit by unit (<see cref="ExportLoader.Stream"/>: a CSV folder or a JSON file) on a thread of its own, its valid units
/// handed to the scoring threads through a short queue: memory holds the units being read and scored, not the
/// export. When the export turns out not to be streamable, enumerating <see cref="Units"/> or getting
/// <see cref="Result"/> throws <see cref="ExportNotStreamableException"/>, and the caller starts again from a whole read.</summary>
internal sealed class UnitFeed : IDisposable
{
    /// <summary>Units are handed over in batches, so that the reading thread and the scoring threads do not wake each
    /// other for every unit (a unit at a time took 60,000 context switches for 20,000 units).</summary>
    private const int DefaultBatch = 32;

    /// <summary>Batches read ahead of the scoring: enough to keep the scoring threads busy, few enough that the rows
    /// waiting here seldom outlive a collection (64 batches: a streamed `score` of 20,000 units took 4.27 s against
    /// 3.99 s, and about 60 MB more; docs/performance.md).</summary>
    private const int DefaultAhead = 16;

    private readonly BlockingCollection<UnitRecord[]> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<Export> _read;
    private readonly TaskCompletionSource<int> _listed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="source">The CSV folder or JSON file.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="batch">Units per hand-over (tests make it small).</param>
    /// <param name="ahead">Hand-overs the reading thread may be ahead of the scoring.</param>
    public UnitFeed(string source, ReadOptions options, int batch = DefaultBatch, int ahead = DefaultAhead)
    {
        Source = source;
        _queue = new(ahead);
        _read = Task.Factory.StartNew(() =>
        {
            try
            {
                var units = new List<UnitRecord>(batch);
                var export = ExportLoader.Stream(source, options, u =>
                {
                    units.Add(u);
                    if (units.Count == batch)
                    {
                        _queue.Add([.. units], _stop.Token);
                        units.Clear();
                    }
                }, n => _listed.TrySetResult(n));
                if (units.Count > 0)
                {
                    _queue.Add([.. units], _stop.Token);
                }

                return export;
            }
            finally
            {
                _queue.CompleteAdding();
                _listed.TrySetResult(0);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The CSV folder or JSON file read.</summary>
    public string Source { get; }

    /// <summary>The valid units in input order, as they are read; enumerated once. Ends with the read's exception, if
    /// it failed.</summary>
    public IEnumerable<UnitRecord> Units
    {
        get
        {
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                foreach (var unit in batch)
                {
                    yield return unit;
                }
            }

            _ = Result;
        }
    }

    /// <summary>How many units units.csv lists, as soon as it is read (0 if it cannot be); -1 for a JSON file, which
    /// says how many units it holds only at its end.</summary>
    public int Listed => _listed.Task.GetAwaiter().GetResult();

    /// <summary>The export once read (its diagnostics, invalid units and counts; the valid units' ids only).</summary>
    public Export Result => _read.GetAwaiter().GetResult();

    /// <summary>The export once read, as a task: what is only known at the end can be prepared as soon as it is.</summary>
    public Task<Export> Read => _read;

    public void Dispose()
    {
        // A consumer that stops early (an error, Ctrl-C) lets the reading thread go: it may be waiting for room.
        _stop.Cancel();
        try
        {
            _read.Wait();
        }
        catch (AggregateException)
        {
            // already seen by the consumer, or of no interest once it has stopped
        }

        _stop.Dispose();
        _queue.Dispose();
    }
}
