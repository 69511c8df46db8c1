using Assessment.Core.Diagnostics;
using Assessment.Core.Model;

namespace Assessment.Cli.Rendering;

/// <summary>Writes diagnostics as plain located lines, grouped by unit (the same words as in every other output).</summary>
internal static class DiagnosticsRenderer
{
    public static void WriteGrouped(TextWriter w, Export export, Text t)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in export.Units)
        {
            order.TryAdd(u.UnitId, u.Unit.Source.Line);
        }

        foreach (var u in export.InvalidUnits)
        {
            order.TryAdd(u.UnitId, u.Order);
        }

        var groups = export.Diagnostics
            .GroupBy(d => d.UnitId ?? "")
            .OrderBy(g => g.Key.Length == 0 ? 0 : 1)
            .ThenBy(g => order.GetValueOrDefault(g.Key, int.MaxValue));
        foreach (var g in groups)
        {
            w.WriteLine(g.Key.Length == 0 ? $"[{t.Files}]" : $"[{t.Unit} {g.Key}]");
            foreach (var d in g)
            {
                w.WriteLine($"  {Tag(d.Severity, t)} {d.Format(t.Lang)}");
            }
        }
    }

    public static string Tag(Severity s, Text t) => s switch
    {
        Severity.Warning => t.Lang == "en" ? "warning" : "警告",
        Severity.RowError => t.Lang == "en" ? "error" : "错误",
        _ => t.Lang == "en" ? "file error" : "文件错误",
    };
}
