namespace Assessment.Rules.Engine;

/// <summary>Maps the items of a sequence on several threads and yields the results in input order, taking an item
/// from the sequence only when a thread is free and the results are at most a few items ahead of the consumer.
/// PLINQ's ordered queries, used before, buffered up to thousands of results ahead of a consumer however fast it
/// was: for units streamed from a read, each of those results held its unit's rows through several collections.</summary>
internal static class OrderedParallel
{
    /// <summary>The results of <paramref name="map"/> for each item, in input order. Nothing runs until the result is
    /// enumerated. A failure of the sequence or of <paramref name="map"/> ends the results after those of the items
    /// before it and is thrown wrapped in an <see cref="AggregateException"/> (as PLINQ threw it); cancellation
    /// throws <see cref="OperationCanceledException"/>. Disposing the enumerator stops the threads and waits for them.</summary>
    /// <param name="source">The items; enumerated by one thread at a time.</param>
    /// <param name="map">Runs on the mapping threads, several at once.</param>
    /// <param name="degree">How many threads map items.</param>
    /// <param name="window">How many items may be taken ahead of the one the consumer waits for.</param>
    /// <param name="cancellationToken">Stops the mapping.</param>
    public static IEnumerable<TResult> Map<TItem, TResult>(IEnumerable<TItem> source, Func<TItem, TResult> map, int degree, int window,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, degree);
        return Results();

        IEnumerable<TResult> Results()
        {
            using var pipeline = new Pipeline<TItem, TResult>(source, map, degree, window, cancellationToken);
            while (pipeline.Next(out var result))
            {
                yield return result;
            }
        }
    }

    private sealed class Pipeline<TItem, TResult> : IDisposable
    {
        private readonly Func<TItem, TResult> _map;
        private readonly CancellationToken _caller;
        private readonly CancellationTokenSource _stop;
        private readonly SemaphoreSlim _room;
        private readonly Task[] _workers;

        // The source and the number of items taken from it: one thread at a time, so that indexes follow input order.
        private readonly object _sourceLock = new();
        private readonly IEnumerator<TItem> _source;
        private long _taken;
        private bool _sourceDone;

        // The results not yet handed to the consumer, and where the results end (the source's end or the first
        // failure): guarded by _gate, which is also what the consumer waits on.
        private readonly object _gate = new();
        private readonly Dictionary<long, TResult> _ready = [];
        private long _next;
        private long _end = long.MaxValue;
        private Exception? _failure;
        private int _running;

        public Pipeline(IEnumerable<TItem> source, Func<TItem, TResult> map, int degree, int window, CancellationToken cancellationToken)
        {
            _map = map;
            _caller = cancellationToken;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _room = new SemaphoreSlim(window);
            _source = source.GetEnumerator();
            _running = degree;
            _workers = new Task[degree];
            for (var i = 0; i < degree; i++)
            {
                _workers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
        }

        /// <summary>The next result in input order; false at the end. Throws the failure once the results before it
        /// are taken. A cancellation is seen when a thread adds a result or stops, which each does within one item;
        /// waking sooner would gain nothing, since the exception reaches the caller only once Dispose has waited for
        /// the threads.</summary>
        public bool Next(out TResult result)
        {
            lock (_gate)
            {
                while (true)
                {
                    _caller.ThrowIfCancellationRequested();
                    if (_ready.Remove(_next, out result!))
                    {
                        _next++;
                        break;
                    }

                    if (_next >= _end)
                    {
                        return _failure is null ? false : throw new AggregateException(_failure);
                    }

                    if (_running == 0)
                    {
                        // Not expected: a thread maps every item it has taken before it stops, and the items before
                        // the end were all taken. Better said than waited for.
                        throw new InvalidOperationException("the mapping threads stopped before the end of the items");
                    }

                    Monitor.Wait(_gate);
                }
            }

            _room.Release();
            return true;
        }

        private void Work()
        {
            try
            {
                while (true)
                {
                    _room.Wait(_stop.Token);
                    TItem item;
                    long index;
                    lock (_sourceLock)
                    {
                        if (_sourceDone || _stop.IsCancellationRequested)
                        {
                            return;
                        }

                        index = _taken;
                        try
                        {
                            if (!_source.MoveNext())
                            {
                                _sourceDone = true;
                                End(index, null);
                                return;
                            }

                            item = _source.Current;
                        }
                        catch (Exception e)
                        {
                            _sourceDone = true;
                            End(index, e);
                            return;
                        }

                        _taken++;
                    }

                    TResult result;
                    try
                    {
                        result = _map(item);
                    }
                    catch (Exception e)
                    {
                        End(index, e);
                        return;
                    }

                    lock (_gate)
                    {
                        _ready.Add(index, result);
                        Monitor.PulseAll(_gate);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // stopped: a failure elsewhere, the caller's cancellation, or the consumer's Dispose
            }
            finally
            {
                lock (_gate)
                {
                    _running--;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>The results end before <paramref name="index"/>: the source ended there, or it or the item there
        /// failed. The earliest end wins; after a failure the other threads take no more items.</summary>
        private void End(long index, Exception? failure)
        {
            lock (_gate)
            {
                if (index < _end)
                {
                    _end = index;
                    _failure = failure;
                }

                Monitor.PulseAll(_gate);
            }

            if (failure is not null)
            {
                _stop.Cancel();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            Task.WaitAll(_workers);
            _source.Dispose();
            _stop.Dispose();
            _room.Dispose();
        }
    }
}
