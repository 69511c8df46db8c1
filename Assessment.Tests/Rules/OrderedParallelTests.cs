using Assessment.Rules.Engine;

namespace Assessment.Tests.Rules;

public sealed class OrderedParallelTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 16)]
    public void Map_GivesEveryResultInInputOrder_WhateverOrderTheThreadsFinishIn(int degree, int window)
    {
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();

        var results = OrderedParallel.Map(Enumerable.Range(0, 500), i =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            Thread.SpinWait((i * 7919 % 13) * 2000); // items finish out of order
            return i * 2;
        }, degree, window, default).ToList();

        results.Should().Equal(Enumerable.Range(0, 500).Select(i => i * 2));
        threads.Keys.Should().NotContain(Environment.CurrentManagedThreadId);
    }

    [Fact]
    public void Map_RunsNothingUntilEnumerated()
    {
        var taken = 0;

        var results = OrderedParallel.Map(Counting(10, () => taken++), i => i, 2, 4, default);

        Thread.Sleep(50);
        taken.Should().Be(0);
        results.Should().HaveCount(10);
    }

    [Fact]
    public void Map_TakesItemsAtMostTheWindowAheadOfTheConsumer()
    {
        var taken = 0;
        var lead = 0;
        var yielded = 0;

        foreach (var _ in OrderedParallel.Map(Counting(2000, () => Interlocked.Increment(ref taken)), i => i, 3, 6, default))
        {
            yielded++;
            lead = Math.Max(lead, Volatile.Read(ref taken) - yielded);
            if (yielded % 100 == 0)
            {
                Thread.Sleep(1); // a slow consumer: the threads must wait for it, not run ahead
            }
        }

        yielded.Should().Be(2000);
        lead.Should().BeLessThanOrEqualTo(6 + 1);
    }

    [Fact]
    public void Map_ASourceThatFails_EndsAfterTheItemsBeforeIt_WithItsException()
    {
        var thrown = new InvalidOperationException("the read failed");
        var got = new List<int>();

        var act = () =>
        {
            foreach (var r in OrderedParallel.Map(Failing(40, thrown), i => i, 3, 6, default))
            {
                got.Add(r);
            }
        };

        act.Should().Throw<AggregateException>().Which.InnerExceptions.Should().Equal(thrown);
        got.Should().Equal(Enumerable.Range(0, 40));
    }

    [Fact]
    public void Map_AnItemThatFails_EndsAfterTheItemsBeforeIt_WithItsException()
    {
        var thrown = new InvalidOperationException("item 25 failed");
        var got = new List<int>();
        var mapped = 0;

        var act = () =>
        {
            foreach (var r in OrderedParallel.Map(Enumerable.Range(0, 100_000), i =>
            {
                Interlocked.Increment(ref mapped);
                return i == 25 ? throw thrown : i;
            }, 2, 4, default))
            {
                got.Add(r);
            }
        };

        act.Should().Throw<AggregateException>().Which.InnerExceptions.Should().Equal(thrown);
        got.Should().Equal(Enumerable.Range(0, 25));
        mapped.Should().BeLessThanOrEqualTo(25 + 1 + 4, "no thread takes an item more than the window ahead of the consumer");
    }

    [Fact]
    public void Map_Cancelled_ThrowsOperationCanceled_AndStopsTakingItems()
    {
        using var cancel = new CancellationTokenSource();
        var taken = 0;

        var act = () =>
        {
            foreach (var r in OrderedParallel.Map(Counting(1_000_000, () => Interlocked.Increment(ref taken)), i => i, 2, 4, cancel.Token))
            {
                if (r == 10)
                {
                    cancel.Cancel();
                }
            }
        };

        act.Should().Throw<OperationCanceledException>();
        Volatile.Read(ref taken).Should().BeLessThan(100);
    }

    [Fact]
    public void Map_ConsumerStopsEarly_ThreadsStopAndTheSourceIsDisposed()
    {
        var source = new TrackedSource();

        foreach (var r in OrderedParallel.Map(source, i => i, 2, 4, default))
        {
            if (r == 5)
            {
                break;
            }
        }

        // Disposing the enumeration waits for the threads, so nothing is taken after it and the source is let go.
        var taken = source.Taken;
        Thread.Sleep(50);
        source.Taken.Should().Be(taken).And.BeLessThan(20);
        source.Disposed.Should().BeTrue();
    }

    [Fact]
    public void Map_BadArguments_ThrowAtOnce()
    {
        FluentActions.Invoking(() => OrderedParallel.Map<int, int>(null!, i => i, 1, 1, default)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => OrderedParallel.Map<int, int>([1], null!, 1, 1, default)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => OrderedParallel.Map([1], i => i, 0, 1, default)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => OrderedParallel.Map([1], i => i, 2, 1, default)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static IEnumerable<int> Counting(int count, Action onTake)
    {
        for (var i = 0; i < count; i++)
        {
            onTake();
            yield return i;
        }
    }

    private static IEnumerable<int> Failing(int before, Exception failure)
    {
        for (var i = 0; i < before; i++)
        {
            yield return i;
        }

        throw failure;
    }

    private sealed class TrackedSource : IEnumerable<int>
    {
        private int _taken;

        public int Taken => Volatile.Read(ref _taken);

        public bool Disposed { get; private set; }

        public IEnumerator<int> GetEnumerator()
        {
            try
            {
                while (true)
                {
                    yield return Interlocked.Increment(ref _taken) - 1;
                }
            }
            finally
            {
                Disposed = true;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
