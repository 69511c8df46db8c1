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
