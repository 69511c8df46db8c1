using System.Text;

namespace Assessment.Cli.Rendering;

/// <summary>The units' sections of a Markdown or HTML report, written to a temporary file as each unit is scored and
/// copied into the report after its ranking, which needs every unit first. The report then keeps of each unit only
/// what the ranking needs, instead of every unit's breakdown: about 16 KB a unit, 0.8 GB for 50,000 units. The file
/// sits beside the output file (or in the temporary folder for stdout) and is deleted when the spool is disposed.</summary>
internal sealed class UnitSpool : IDisposable
{
    private readonly FileStream _file;
    private readonly StreamWriter _writer;

    /// <param name="output">The output file, beside which the spool is made; null for stdout.</param>
    /// <param name="newLine">The line ending of the writer the report goes to, so the copied lines end alike.</param>
    public UnitSpool(string? output, string newLine)
    {
        var folder = output is null ? Path.GetTempPath() : Path.GetDirectoryName(Path.GetFullPath(output))!;
        var path = Path.Combine(folder, $".assess-units.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _writer = new StreamWriter(_file, new UTF8Encoding(false), 1 << 16) { NewLine = newLine };
    }

    /// <summary>Where the units' sections are written, in the order they appear in the report.</summary>
    public TextWriter Writer => _writer;

    /// <summary>Copies every section written so far to <paramref name="w"/>: as bytes onto a UTF-8 stream writer's
    /// stream, else as text.</summary>
    public void CopyTo(TextWriter w)
    {
        _writer.Flush();
        _file.Position = 0;
        if (w is StreamWriter { Encoding: UTF8Encoding } utf8)
        {
            utf8.Flush();
            _file.CopyTo(utf8.BaseStream);
            return;
        }

        using var reader = new StreamReader(_file, new UTF8Encoding(false), false, 1 << 16, leaveOpen: true);
        var buffer = new char[1 << 16];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            w.Write(buffer, 0, n);
        }
    }

    public void Dispose() => _writer.Dispose();
}
