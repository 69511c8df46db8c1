using Assessment.Core.Diagnostics;
using Assessment.Core.Model;

namespace Assessment.Cli.Rendering;

/// <summary>Writes diagnostics as plain located lines, grouped by unit (the same words as in every other output).</summary>
internal static class DiagnosticsRenderer
{
    public static void WriteGrouped(TextWriter w, Export export, Text t)
    {
        // Both lists are in units.csv order and an invalid unit's Order is its position there: merge them to give every
        // unit its position, so valid and invalid units are listed in the order of the file.
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        using var valid = export.ValidUnitIds.GetEnumerator();
        foreach (var u in export.InvalidUnits)
        {
            while (next < u.Order && valid.MoveNext())
            {
                order.TryAdd(valid.Current, next++);
            }

            order.TryAdd(u.UnitId, u.Order);
            next = u.Order + 1;
        }

        while (valid.MoveNext())
        {
            order.TryAdd(valid.Current, next++);
        }

        // File errors, which stop every unit, are listed first under the files, whether or not they name a unit (an
        // encoding error names the unit of the record its bad bytes are in).
        var groups = export.Diagnostics
            .GroupBy(d => d.Severity == Severity.FileError ? "" : d.UnitId ?? "")
            .OrderBy(g => g.Key.Length == 0 ? 0 : 1)
            .ThenBy(g => order.GetValueOrDefault(g.Key, int.MaxValue));
        foreach (var g in groups)
        {
            w.WriteLine(g.Key.Length == 0 ? $"[{t.Files}]" : $"[{t.Unit} {g.Key}]");
            foreach (var d in g)
            {
                w.WriteLine($"  {Line(d, t)}");
            }
        }
    }

    /// <summary>A diagnostic as one line of plain text: its tag and its message, the input's text in it made
    /// printable (<see cref="PlainText.Printable"/>).</summary>
    public static string Line(Diagnostic d, Text t) => $"{Tag(d.Severity, t)} {PlainText.Printable(d.Format(t.Lang))}";

    public static string Tag(Severity s, Text t) => s switch
    {
        Severity.Warning => t.Lang == "en" ? "warning" : "警告",
        Severity.RowError => t.Lang == "en" ? "error" : "错误",
        _ => t.Lang == "en" ? "file error" : "文件错误",
    };
}
