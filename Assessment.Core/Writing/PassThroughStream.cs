using System.Text;

namespace Assessment.Core.Writing;

/// <summary>A stream that only passes writes on to another, which it disposes: the files <see cref="ExportWriters"/>
/// writes, and on the command line standard output watched for writes, the spool file, an output file. A write refused because the file would pass the largest size allowed (a file-size limit,
/// <c>ulimit -f</c>, or a file system's own, such as FAT32's 4 GB) is an <see cref="IOException"/> like any other failed
/// write: .NET reports it (EFBIG) as an <see cref="ArgumentOutOfRangeException"/>, which the command line would take
/// for a bug.</summary>
internal abstract class PassThroughStream(Stream inner) : Stream
{
    protected Stream Inner => inner;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public sealed override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public sealed override void WriteByte(byte value) => Write([value]);

    public sealed override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            Pass(buffer);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw TooLarge(e);
        }
    }

    public sealed override void Flush()
    {
        try
        {
            PassFlush();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw TooLarge(e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Writes <paramref name="buffer"/> to <see cref="Inner"/>.</summary>
    protected abstract void Pass(ReadOnlySpan<byte> buffer);

    /// <summary>Flushes <see cref="Inner"/>.</summary>
    protected virtual void PassFlush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        try
        {
            if (disposing)
            {
                inner.Dispose(); // a buffered file stream writes what it holds
            }
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw TooLarge(e);
        }
        finally
        {
            base.Dispose(disposing);
        }
    }

    private FileTooLargeException TooLarge(ArgumentOutOfRangeException e) => new((inner as FileStream)?.Name, e);
}

/// <summary>A write refused because the file would pass the largest size allowed (EFBIG).</summary>
/// <param name="file">The file written, if known.</param>
/// <param name="inner">What .NET threw.</param>
internal sealed class FileTooLargeException(string? file, Exception? inner)
    : IOException($"文件超出文件系统或文件大小限制（ulimit -f）所允许的大小 / the file would be larger than the file system or the file-size limit (ulimit -f) allows{(file is null ? "" : $": {file}")}", inner)
{
    /// <summary>The file written, if known.</summary>
    public string? File { get; } = file;

    /// <summary>The same failure, naming <paramref name="file"/>: the file the user asked for, when a temporary file was
    /// written in its place.</summary>
    public FileTooLargeException Naming(string file) => new(file, InnerException);
}

/// <summary>An output file: one <see cref="ExportWriters"/> writes, or one <c>-o</c> writes.</summary>
internal sealed class OutputStream(FileStream file) : PassThroughStream(file)
{
    /// <summary>A new file at <paramref name="path"/>, or the file there emptied.</summary>
    public static OutputStream Create(string path) => new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 0));

    /// <summary>Writes a text file at <paramref name="path"/> (replacing one there) through an output stream.</summary>
    public static void WriteText(string path, Encoding encoding, Action<TextWriter> write)
    {
        using var w = new StreamWriter(Create(path), encoding, 1 << 16);
        write(w);
    }

    protected override void Pass(ReadOnlySpan<byte> buffer) => Inner.Write(buffer);
}
