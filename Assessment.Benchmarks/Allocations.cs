using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Assessment.Core.Import;
using Assessment.Rules.Engine;

namespace Assessment.Benchmarks;

/// <summary>What a phase allocates, by type: the runtime's allocation ticks (one event per ~100 KB allocated on a
/// thread, naming the type of the object that crossed the mark), so each count × 100 KB estimates a type's bytes.</summary>
internal static class Allocations
{
    public static void Run(string folder, string phase)
    {
        var assessor = Assessor.Create();
        Assessment.Core.Model.Export? export = null;
        if (phase == "score")
        {
            export = CsvExport.Read(folder, assessor.ReadOptions(Exports.AsOf));
        }

        using var ticks = new TickListener();
        var before = GC.GetTotalAllocatedBytes();
        if (phase == "read")
        {
            // STREAM=1: unit by unit, as validate and score read a CSV folder or a JSON file; each unit dropped as handed on.
            var json = folder.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            export = Environment.GetEnvironmentVariable("STREAM") == "1"
                ? json ? JsonExport.Stream(folder, assessor.ReadOptions(Exports.AsOf), _ => { }) : CsvExport.Stream(folder, assessor.ReadOptions(Exports.AsOf), _ => { })
                : json ? JsonExport.Read(folder, assessor.ReadOptions(Exports.AsOf)) : CsvExport.Read(folder, assessor.ReadOptions(Exports.AsOf));
        }
        else
        {
            // As the tool does it: rendered on the scoring threads, the memory returned once written.
            foreach (var u in assessor.ScoreAllThen(export!, Exports.AsOf, s => Cli.Rendering.JsonRenderer.Render(s.Scorecard!, "zh", null, "\n")))
            {
                Cli.Rendering.JsonOut.FragmentPool.Return(u.Bytes);
            }
        }

        var total = GC.GetTotalAllocatedBytes() - before;
        Console.WriteLine($"{phase}: {total / 1_000_000} MB allocated; by type (allocation ticks, ~100 KB each):");
        var sum = ticks.ByType.Values.Sum(v => v);
        foreach (var (type, bytes) in ticks.ByType.OrderByDescending(kv => kv.Value).Take(40))
        {
            Console.WriteLine($"{bytes / 1_000_000.0,9:F1} MB {bytes * 100.0 / sum,5:F1}%  {type}");
        }
    }

    private sealed class TickListener : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick at Verbose
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not null && e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) && e.Payload is { } p)
            {
                var type = p[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
                var amount = Convert.ToInt64(p[e.PayloadNames!.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
                ByType.AddOrUpdate(type, amount, (_, v) => v + amount);
            }
        }
    }
}
