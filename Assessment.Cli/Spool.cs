using System.Text;
using Assessment.Cli.Commands;
using Assessment.Core.Writing;

namespace Assessment.Cli;

/// <summary>A temporary file that output is written to first and copied from once it is complete, deleted when the
/// spool is disposed. Two uses:
/// <list type="bullet">
/// <item>the units' sections of a Markdown or HTML report, written as each unit is scored and copied into the report
/// after its ranking, which needs every unit first; the report then keeps of each unit only what the ranking needs,
/// instead of every unit's breakdown (about 16 KB a unit, 0.8 GB for 50,000 units);</item>
/// <item>JSON and CSV for a pipe, which cannot take back what it was given: written as the units are read unit by
/// unit and scored, and copied to the pipe at the end, so that memory does not hold the export.</item>
/// </list>
/// The file sits beside the output file; for stdout, in TMPDIR, else /var/tmp, else the system's temporary folder. On
/// Linux and macOS it has no name from the moment it is made.</summary>
internal sealed class Spool : IDisposable
{
    private const string LargeTemporaryFiles = "/var/tmp";

    private readonly FileStream _file;
    private readonly Watched _watched;
    private readonly StreamWriter _writer;

    /// <param name="output">The output file, beside which the spool is made; null for stdout.</param>
    /// <param name="newLine">The line ending of the writer the output goes to, so the copied lines end alike.</param>
    public Spool(string? output, string newLine)
        : this(Create(output), newLine)
    {
    }

    private Spool(FileStream file, string newLine)
    {
        _file = file;
        _watched = new Watched(_file);
        _writer = new StreamWriter(_watched, new UTF8Encoding(false), 1 << 16) { NewLine = newLine };
    }

    /// <summary>A spool on a file already open for reading and writing (tests).</summary>
    internal static Spool Over(FileStream file, string newLine) => new(file, newLine);

    private static FileStream Create(string? output)
    {
        if (output is not null)
        {
            var full = Path.GetFullPath(output);
            var path = PathIn(Path.GetDirectoryName(full)!);
            try
            {
                return CreateAt(path);
            }
            catch (Exception e) when (OutputFile.IsAbout(e, path))
            {
                throw OutputFile.Naming(e, path, full); // a folder that cannot be written to: the output file's
            }
        }

        // For stdout: TMPDIR if set; else /var/tmp, which is on disk where /tmp may be memory (a tmpfs), and meant for
        // large temporary files; else the system's temporary folder.
        if (Environment.GetEnvironmentVariable("TMPDIR") is not { Length: > 0 } && !OperatingSystem.IsWindows() && Directory.Exists(LargeTemporaryFiles))
        {
            try
            {
                return CreateIn(LargeTemporaryFiles);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // not writable here: the system's temporary folder
            }
        }

        return CreateIn(Path.GetTempPath());
    }

    /// <summary>A temporary file where a spool for stdout would be, empty, readable and writable, that leaves nothing
    /// behind once closed (<see cref="CreateAt"/>): for output kept until its place in a document comes.</summary>
    internal static FileStream TemporaryFile() => Create(null);

    /// <summary>A new spool file in <paramref name="folder"/> (<see cref="CreateAt"/>).</summary>
    private static FileStream CreateIn(string folder) => CreateAt(PathIn(folder));

    /// <summary>A name for a spool file in <paramref name="folder"/> that no other file has.</summary>
    private static string PathIn(string folder) => Path.Combine(folder, $".assess-spool.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>A new file at <paramref name="path"/>, unbuffered (the writer buffers, and a write fails where it is
    /// made). On Linux and macOS its name is removed at once, so the file leaves nothing behind however the process ends,
    /// killed included (a spool in /var/tmp would otherwise outlive a reboot); elsewhere it is deleted when closed.</summary>
    private static FileStream CreateAt(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.DeleteOnClose);
        }

        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0);
        try
        {
            File.Delete(path);
        }
        catch
        {
            file.Dispose();
            throw;
        }

        return file;
    }

    /// <summary>Where the output is written, in the order it is to be copied.</summary>
    public TextWriter Writer => _writer;

    /// <summary>Whether writing to the spool file failed (a full disk): then nothing of it is usable, and the caller
    /// may do without it.</summary>
    public bool Failed => _watched.Failed;

    /// <summary>Writes out what the writer still holds, so that a failure to write the spool file shows now, before any
    /// of the output is written where it goes, and not part-way through copying it there.</summary>
    public void Complete() => _writer.Flush();

    /// <summary>Copies everything written so far to <paramref name="w"/>: as bytes onto a UTF-8 stream writer's
    /// stream, else as text.</summary>
    public void CopyTo(TextWriter w, CancellationToken cancellation = default)
    {
        _writer.Flush();
        _file.Position = 0;
        int n;
        if (w is StreamWriter { Encoding: UTF8Encoding } utf8)
        {
            utf8.Flush();
            var bytes = new byte[1 << 16];
            while ((n = _file.Read(bytes, 0, bytes.Length)) > 0)
            {
                // Ctrl-C stops the copy too: 360 MB of JSON take a while to scroll by on a terminal.
                cancellation.ThrowIfCancellationRequested();
                utf8.BaseStream.Write(bytes, 0, n);
            }

            return;
        }

        using var reader = new StreamReader(_file, new UTF8Encoding(false), false, 1 << 16, leaveOpen: true);
        var buffer = new char[1 << 16];
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            w.Write(buffer, 0, n);
        }
    }

    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        catch (IOException)
        {
            // Left in the writer's buffer after a failed write, or after an error elsewhere: what could not be written
            // is of no use, and the file, closed all the same, is deleted with it.
        }
    }

    /// <summary>The spool file, noting whether a write to it failed.</summary>
    private sealed class Watched(FileStream file) : PassThroughStream(file)
    {
        public bool Failed { get; private set; }

        protected override void Pass(ReadOnlySpan<byte> buffer)
        {
            try
            {
                Inner.Write(buffer);
            }
            catch (Exception e) when (e is IOException or ArgumentOutOfRangeException)
            {
                Failed = true;
                throw;
            }
        }

        protected override void PassFlush()
        {
            try
            {
                Inner.Flush();
            }
            catch (Exception e) when (e is IOException or ArgumentOutOfRangeException)
            {
                Failed = true;
                throw;
            }
        }
    }
}
