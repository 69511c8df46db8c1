using Assessment.Cli;

namespace Assessment.Tests.TestAssets;

/// <summary>A file as stdout that can be taken back, cut to nothing when it is (as <see cref="StdoutFile"/> does with
/// file descriptor 1 under <c>&gt; scores.json</c>), counting how often.</summary>
internal sealed class FileRewind(FileStream file) : RewindableOutput
{
    /// <summary>The writer on the file, flushed (if it can be) before the file is cut.</summary>
    public TextWriter? Writer { get; set; }

    public int Count { get; private set; }

    /// <summary>Whether taking the output back fails, as <see cref="StdoutFile"/> does when the file cannot be cut.</summary>
    public bool Fails { get; init; }

    public override void Rewind()
    {
        Count++;
        if (Fails)
        {
            throw new IOException("standard output could not be taken back: Input/output error");
        }

        try
        {
            Writer?.Flush();
        }
        catch (IOException)
        {
            // as StdoutFile: a write that failed is taken back with the rest
        }

        file.SetLength(0);
        file.Position = 0;
    }
}
