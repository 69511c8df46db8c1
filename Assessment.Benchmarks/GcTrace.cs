using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Assessment.Benchmarks;

/// <summary>Prints each collection as it starts (seconds since the listener was made, number, generation, reason, type)
/// and the heap's sizes after it, with the bytes it promoted out of generations 0 and 1: the runtime's own GC events,
/// read in process. Reasons: 0 small allocation, 1 induced, 4 large object allocation; types: 0 blocking, 1 background, 2 foreground during a background one.</summary>
internal sealed class GcTrace : EventListener
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == "GCStart_V2" && e.Payload is { } p)
        {
            Console.WriteLine($"{_watch.Elapsed.TotalSeconds:F2} GC #{p[0]} gen {p[1]} reason {p[2]} type {p[3]}");
        }
        else if (e.EventName == "GCHeapStats_V2" && e.Payload is { } q)
        {
            Console.WriteLine($"     heap gen0 {Convert.ToUInt64(q[0]) / 1_000_000} gen1 {Convert.ToUInt64(q[2]) / 1_000_000} gen2 {Convert.ToUInt64(q[4]) / 1_000_000} promoted0 {Convert.ToUInt64(q[1]) / 1_000_000} promoted1 {Convert.ToUInt64(q[3]) / 1_000_000} loh {Convert.ToUInt64(q[6]) / 1_000_000} MB");
        }
    }
}
