using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Assessment.Benchmarks;

/// <summary>Counts the methods the JIT compiles, by tier and by the first two parts of their namespace: the runtime's
/// MethodLoadVerbose events, read in process (the listener itself makes some of the reflection and diagnostics ones).</summary>
internal sealed class JitTrace : EventListener
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == "MethodLoadVerbose_V2" && e.Payload is { } p && e.PayloadNames is { } names)
        {
            var ns = p[names.IndexOf("MethodNamespace")]?.ToString() ?? "";
            var flags = Convert.ToUInt32(p[names.IndexOf("MethodFlags")]);
            var tier = ((flags >> 7) & 0x7) switch
            {
                1 => "min-opts",
                2 => "optimized",
                3 => "tier0",
                4 => "tier1",
                5 => "ready-to-run",
                var t => $"tier-code-{t}",
            };
            var family = ns.Split('.', '`', '[', '+').Take(2).Aggregate((a, b) => a + "." + b);
            _counts.AddOrUpdate($"{tier} {family}", 1, (_, n) => n + 1);
        }
    }

    public void Print()
    {
        foreach (var (k, n) in _counts.OrderByDescending(kv => kv.Value).Take(40))
        {
            Console.WriteLine($"{n,6} {k}");
        }
    }
}
