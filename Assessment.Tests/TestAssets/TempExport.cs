using System.Text;
using Assessment.Core.Import;
using Assessment.Core.Model;

namespace Assessment.Tests.TestAssets;

/// <summary>A throw-away export folder: write CSV files in any encoding, read them back, delete on dispose.</summary>
internal sealed class TempExport : IDisposable
{
    static TempExport() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public TempExport() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "assess-test-" + Guid.NewGuid().ToString("N"));

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static Encoding Utf8Bom => new UTF8Encoding(true);

    /// <summary>The minimal valid units.csv with the given unit ids (year 2024).</summary>
    public const string Units = "unit_id,unit_name,year\nU1,一号单位,2024\nU2,二号单位,2024\n";

    public TempExport Write(string file, string text, Encoding? encoding = null)
    {
        File.WriteAllText(Path.Combine(Folder, file), text, encoding ?? new UTF8Encoding(false));
        return this;
    }

    public TempExport WriteBytes(string file, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(Folder, file), bytes);
        return this;
    }

    public Export Read(ReadOptions? options = null) => CsvExport.Read(Folder, options);

    /// <summary>Writes <paramref name="json"/> as <c>export.json</c> (UTF-8) and reads it as a JSON export.</summary>
    public Export ReadJson(string json)
    {
        var path = Path.Combine(Folder, "export.json");
        File.WriteAllText(path, json);
        return JsonExport.Read(path);
    }

    /// <summary>Moves the rows of the first unit of a table (a plain export: UTF-8, commas, the unit first) to its end,
    /// so that the table is no longer in the order of units.csv.</summary>
    public TempExport MoveFirstUnitToTheEnd(string file)
    {
        var path = Path.Combine(Folder, file);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        static string UnitOf(string line) => line.Split(',')[0];
        var first = UnitOf(lines[1]);
        var moved = lines.Skip(1).TakeWhile(l => UnitOf(l) == first).ToArray();
        File.WriteAllLines(path, [lines[0], .. lines.Skip(1 + moved.Length), .. moved], new UTF8Encoding(true));
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, true);
        }
        catch (IOException)
        {
            // best effort: the OS cleans temp
        }
    }
}
