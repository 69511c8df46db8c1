using Assessment.Core.Import;

namespace Assessment.Tests.Core;

/// <summary>The streamed read types each table on a thread of its own through <see cref="Prefetched{T}"/>: every row in
/// order, a failure of the table's reader after the rows before it, and a consumer that stops early must stop the
/// thread and dispose the table's reader (which holds the file).</summary>
public sealed class PrefetchedTests
{
    private static IEnumerable<int> Count(int n, Exception? then = null, Action? disposed = null)
    {
        try
        {
            for (var i = 0; i < n; i++)
            {
                yield return i;
            }

            if (then is not null)
            {
                throw then;
            }
        }
        finally
        {
            disposed?.Invoke();
        }
    }

    private static List<int> Drain(Prefetched<int> p)
    {
        var seen = new List<int>();
        while (p.MoveNext())
        {
            seen.Add(p.Current);
        }

        return seen;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1_024)]
    [InlineData(5_000)]
    public void Prefetched_GivesEveryItemInOrder(int n)
    {
        using var p = new Prefetched<int>(Count(n), "test");

        Drain(p).Should().Equal(Enumerable.Range(0, n));
        p.MoveNext().Should().BeFalse("the end stays the end");
    }

    [Fact]
    public void Prefetched_AFailureOfTheSource_ComesAfterTheItemsBeforeIt_AsItWasThrown()
    {
        var failure = new InvalidOperationException("the table's reader broke");
        using var p = new Prefetched<int>(Count(3_000, failure), "test");
        var seen = new List<int>();

        var act = () =>
        {
            while (p.MoveNext())
            {
                seen.Add(p.Current);
            }
        };

        act.Should().Throw<InvalidOperationException>().Which.Should().BeSameAs(failure);
        seen.Should().Equal(Enumerable.Range(0, 3_000));
    }

    [Fact]
    public async Task Prefetched_DisposedEarly_StopsItsThread_AndDisposesTheSource()
    {
        var sourceDisposed = false;
        var p = new Prefetched<int>(Count(int.MaxValue, disposed: () => sourceDisposed = true), "test");
        p.MoveNext().Should().BeTrue();
        await Task.Delay(50); // let the thread fill its room and wait for more

        var dispose = Task.Run(p.Dispose);

        (await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(dispose,
            "a thread waiting for room must not keep Dispose waiting");
        sourceDisposed.Should().BeTrue("the source is disposed on its thread before Dispose returns");
    }
}
