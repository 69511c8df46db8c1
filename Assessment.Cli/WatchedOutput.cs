using Assessment.Core.Writing;

namespace Assessment.Cli;

/// <summary>Whether anything has been written to standard output. A cancelled run says so truthfully: output that went
/// down a pipe or onto a terminal cannot be taken back, so "no output was written" is said only when none was.</summary>
internal interface IWatchedOutput
{
    /// <summary>True once any character or byte has been written, even if the write then failed.</summary>
    bool Written { get; }
}

/// <summary>Standard output's stream when it is redirected (a pipe or a file), under the UTF-8 writer the commands use.</summary>
internal sealed class WatchedStream(Stream inner) : PassThroughStream(inner), IWatchedOutput
{
    private volatile bool _written;

    public bool Written => _written;

    protected override void Pass(ReadOnlySpan<byte> buffer)
    {
        _written |= buffer.Length > 0;
        Inner.Write(buffer);
    }
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
