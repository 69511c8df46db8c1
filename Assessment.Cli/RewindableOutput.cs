using System.Runtime.InteropServices;

namespace Assessment.Cli;

/// <summary>Standard output that can be taken back to where the command began writing: a regular file the shell opened
/// for it (<c>assess score … --format json &gt; scores.json</c>). <c>score</c> writes JSON and CSV there as the units
/// are scored, reading the export unit by unit; if the export turns out not to be in unit order, what was written is
/// taken back and written again from the whole read, as with <c>-o</c>. Output to a pipe, a terminal or a device cannot
/// be taken back, so it is written once, from the whole read or a spool file; except /dev/null, where nothing written is
/// kept (<see cref="Discarded"/>).</summary>
internal abstract class RewindableOutput
{
    /// <summary>Drops everything written to standard output since the command began, so that it can be written again.</summary>
    public abstract void Rewind();
}

/// <summary>Standard output that keeps nothing (<c>&gt; /dev/null</c>): there is nothing to take back, so <c>score</c>
/// writes there as the units are scored, instead of through a spool file as large as the output.</summary>
internal sealed class Discarded : RewindableOutput
{
    public override void Rewind()
    {
    }
}

/// <summary>File descriptor 1, when it is a regular file open at its end and nothing else writes to it (stderr is not
/// the same file). Linux and macOS; elsewhere standard output is never taken back. It is cut back with
/// <c>ftruncate</c> and <c>lseek</c> on the descriptor, whose offset the console stream's writes share (they go
/// through a duplicate of it).</summary>
internal sealed class StdoutFile : RewindableOutput
{
    private const int SeekSet = 0;
    private const int SeekCur = 1;
    private const int SeekEnd = 2;

    private readonly TextWriter _writer;
    private readonly int _fd;
    private readonly long _mark;

    private StdoutFile(TextWriter writer, int fd, long mark)
    {
        _writer = writer;
        _fd = fd;
        _mark = mark;
    }

    /// <summary>Standard output as a file that can be taken back, or null when it cannot be: not a regular file (a
    /// pipe, a terminal, /dev/null), a file not written at its end (<c>&gt;&gt;</c> onto a file that is not empty,
    /// whose offset the shell leaves at 0), or one that stderr may also be writing to (<c>2&gt;&amp;1</c>).</summary>
    /// <param name="writer">The writer on standard output, flushed before the file is cut back.</param>
    public static RewindableOutput? TryOpen(TextWriter writer) => TryOpen(writer, 1, 2);

    /// <summary>As <see cref="TryOpen(TextWriter)"/>, for any pair of file descriptors (tests).</summary>
    internal static RewindableOutput? TryOpen(TextWriter writer, int stdout, int stderr)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        try
        {
            var at = LSeek(stdout, 0, SeekCur);
            if (at < 0)
            {
                return null; // a pipe or a terminal
            }

            var end = LSeek(stdout, 0, SeekEnd);
            if (end != at)
            {
                LSeek(stdout, at, SeekSet);
                return null;
            }

            // Cutting the file to its own length changes nothing, and fails where cutting back would (/dev/null).
            if (FTruncate(stdout, at) != 0)
            {
                return IsDevNull(stdout) ? new Discarded() : null;
            }

            return MayShareFile(stdout, stderr) ? null : new StdoutFile(writer, stdout, at);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    public override void Rewind()
    {
        try
        {
            _writer.Flush();
        }
        catch (IOException)
        {
            // A write that failed (a full disk, the file-size limit) is what is being taken back: what the writer held
            // is dropped with the rest, and the file is still cut back.
        }

        if (FTruncate(_fd, _mark) != 0 || LSeek(_fd, _mark, SeekSet) != _mark)
        {
            throw new IOException($"standard output could not be taken back: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>Whether stderr could be writing to the same file: it is a file too, and (on Linux) the same path, or
    /// (elsewhere) it cannot be told apart. Cutting the file back would then lose what stderr wrote. Nothing is written
    /// to stderr before <c>score</c> takes its output back today; this keeps it so if that changes.</summary>
    private static bool MayShareFile(int stdout, int stderr)
    {
        if (LSeek(stderr, 0, SeekCur) < 0)
        {
            return false;
        }

        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        try
        {
            var outPath = File.ResolveLinkTarget($"/proc/self/fd/{stdout}", returnFinalTarget: false)?.FullName;
            var errorPath = File.ResolveLinkTarget($"/proc/self/fd/{stderr}", returnFinalTarget: false)?.FullName;
            return outPath is null || errorPath is null || outPath == errorPath;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Whether the descriptor is /dev/null (Linux, where /proc says so; elsewhere not known, so no).</summary>
    private static bool IsDevNull(int fd)
    {
        try
        {
            return OperatingSystem.IsLinux() && File.ResolveLinkTarget($"/proc/self/fd/{fd}", returnFinalTarget: false)?.FullName == "/dev/null";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static extern long LSeek(int fd, long offset, int whence);

    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static extern int FTruncate(int fd, long length);
}
