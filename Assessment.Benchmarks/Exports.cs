using Assessment.Tests.TestAssets;

namespace Assessment.Benchmarks;

/// <summary>Generated exports, cached on disk between benchmark runs (generation is not what is measured).</summary>
internal static class Exports
{
    public static readonly DateOnly AsOf = new(2025, 1, 15);

    public static void Generate(string folder, int units, int? members = null, int? sessions = null)
    {
        Directory.CreateDirectory(folder);
        new ExportGenerator(20241128, new ExportGenerator.Shape(members, sessions, Plain: true)).Write(folder, units, "B", AsOf);
    }

    /// <summary>The folder of a generated export of this shape, made on first use.</summary>
    public static string Folder(int units, int? members = null, int? sessions = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "assess-bench", $"u{units}-m{members?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "x"}-s{sessions?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "x"}");
        if (!File.Exists(Path.Combine(folder, "waivers.csv")))
        {
            Generate(folder, units, members, sessions);
        }

        return folder;
    }

    /// <summary>The same export as one JSON file, as <c>assess convert</c> writes it (directives and waivers first), made
    /// on first use.</summary>
    public static string Json(int units)
    {
        var file = Path.Combine(Path.GetTempPath(), "assess-bench", $"u{units.ToString(System.Globalization.CultureInfo.InvariantCulture)}.json");
        if (!File.Exists(file))
        {
            Assessment.Core.Writing.ExportWriters.WriteJson(Assessment.Core.Import.CsvExport.Read(Folder(units), new() { AsOf = AsOf }), file);
        }

        return file;
    }
}
