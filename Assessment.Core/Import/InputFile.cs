using System.Runtime.InteropServices;

namespace Assessment.Core.Import;

/// <summary>Reads a file the user named, or found in an export folder, within a limit, and tells a regular file from a
/// pipe or a device. A path can name anything: a previous run's 358 MB of JSON given as a rubric, <c>/dev/zero</c>
/// behind a link, a named pipe in an export folder that nobody writes to. Read plainly, the first two exhaust memory
/// (an internal error after gigabytes, not a message) and the last waits for ever.</summary>
internal static class InputFile
{
    // The file type bits of a mode, as the runtime's native library reports them (the same values on every Unix).
    private const int TypeBits = 0xF000;
    private const int FifoType = 0x1000;
    private const int CharacterDeviceType = 0x2000;
    private const int BlockDeviceType = 0x6000;
    private const int SocketType = 0xC000;

    /// <summary>What a path names, as far as reading it is concerned.</summary>
    public enum Kind
    {
        /// <summary>A file on disk (or a kind that cannot be told: then read as one).</summary>
        Regular,

        /// <summary>A named pipe: it has no length and its reader waits until something writes to it.</summary>
        Pipe,

        /// <summary>A device or a socket: never an export, a rubric or a report.</summary>
        Device,
    }

    /// <summary>What <paramref name="path"/> names, links followed. A file with content is taken for a regular file
    /// without asking further, since pipes and devices report no length; of an empty one the runtime's native library
    /// is asked, and where it cannot answer (Windows, or a runtime that no longer has the function) the file is taken
    /// for a regular one and read as before.</summary>
    /// <exception cref="IOException">The file does not exist or cannot be looked at.</exception>
    public static Kind KindOf(string path)
    {
        if (Length(path) > 0)
        {
            return Kind.Regular;
        }

        return ModeOf(path) is not { } mode ? Kind.Regular : (mode & TypeBits) switch
        {
            FifoType => Kind.Pipe,
            CharacterDeviceType or BlockDeviceType or SocketType => Kind.Device,
            _ => Kind.Regular,
        };
    }

    /// <summary>The file's bytes, or null when it holds more than <paramref name="limit"/> bytes: known before reading
    /// for a file that has a length, found while reading for one that has none (a pipe, a file of /proc).</summary>
    /// <param name="path">The file.</param>
    /// <param name="limit">The most bytes to read; at most <see cref="Array.MaxLength"/>.</param>
    /// <param name="length">The file's length when it has one; for one that has none, the bytes read, or -1 when more
    /// than the limit came.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static byte[]? ReadAllBytes(string path, long limit, out long length) =>
        ReadAll(path, limit, out length) is not { } all ? null : all.Offset == 0 && all.Count == all.Array!.Length ? all.Array : all.ToArray();

    /// <summary>As <see cref="ReadAllBytes"/>, but the bytes of a file that has no length (a pipe) are given in the
    /// buffer they were gathered in, not copied into an array of their own size (for a JSON export of 486 MB, that copy
    /// was half a gigabyte more).</summary>
    /// <param name="path">The file.</param>
    /// <param name="limit">The most bytes to read; at most <see cref="Array.MaxLength"/>.</param>
    /// <param name="length">As for <see cref="ReadAllBytes"/>.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static ArraySegment<byte>? ReadAll(string path, long limit, out long length)
    {
        limit = Math.Min(limit, Array.MaxLength);
        length = Length(path);
        if (length > limit)
        {
            return null;
        }

        if (length > 0)
        {
            return File.ReadAllBytes(path);
        }

        length = -1;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        using var bytes = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (bytes.Length + read > limit)
            {
                return null;
            }

            bytes.Write(chunk, 0, read);
        }

        length = bytes.Length;
        return new ArraySegment<byte>(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    /// <summary>The length of the file a path names, links followed (a link's own length is that of its target's name).</summary>
    internal static long Length(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is null ? file.Length : file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target ? target.Length : 0;
    }

    /// <summary>The file's mode (type and permission bits), links followed; null where it cannot be had.</summary>
    private static int? ModeOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            // The runtime's own stat (what File and FileInfo use), which returns a structure of its own, the same on
            // every Unix: two 32-bit fields, flags and then the mode, and about 110 bytes more.
            var status = new byte[256];
            return Stat(System.Text.Encoding.UTF8.GetBytes(path + "\0"), status) == 0 ? BitConverter.ToInt32(status, 4) : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat(byte[] utf8Path, byte[] status);
}
