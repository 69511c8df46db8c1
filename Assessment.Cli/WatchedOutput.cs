namespace Assessment.Cli;

/// <summary>Whether anything has been written to standard output. A cancelled run says so truthfully: output that went
/// down a pipe or onto a terminal cannot be taken back, so "no output was written" is said only when none was.</summary>
internal interface IWatchedOutput
{
    /// <summary>True once any character or byte has been written, even if the write then failed.</summary>
    bool Written { get; }
}

/// <summary>A stream that only passes writes on to another, which it disposes: what a watcher of writes derives from.</summary>
internal abstract class PassThroughStream(Stream inner) : Stream
{
    protected Stream Inner => inner;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Standard output's stream when it is redirected (a pipe or a file), under the UTF-8 writer the commands use.</summary>
internal sealed class WatchedStream(Stream inner) : PassThroughStream(inner), IWatchedOutput
{
    private volatile bool _written;

    public bool Written => _written;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _written |= buffer.Length > 0;
        Inner.Write(buffer);
    }

    public override void Flush() => Inner.Flush();
}

/// <summary>Standard output when it is a terminal: the console's own writer, watched.</summary>
internal sealed class WatchedWriter(TextWriter inner) : TextWriter(inner.FormatProvider), IWatchedOutput
{
    private volatile bool _written;

    public bool Written => _written;

    public override System.Text.Encoding Encoding => inner.Encoding;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter takes null as "\n" too
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value)
    {
        _written = true;
        inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        _written |= count > 0;
        inner.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        _written |= buffer.Length > 0;
        inner.Write(buffer);
    }

    public override void Write(string? value)
    {
        _written |= !string.IsNullOrEmpty(value);
        inner.Write(value);
    }

    public override void WriteLine()
    {
        _written = true;
        inner.WriteLine();
    }

    public override void WriteLine(string? value)
    {
        _written = true;
        inner.WriteLine(value);
    }

    public override void Flush() => inner.Flush();
}
