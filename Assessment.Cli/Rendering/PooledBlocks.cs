using System.Buffers;

namespace Assessment.Cli.Rendering;

/// <summary>A write-only stream that keeps what it is given in blocks rented from <see cref="ArrayPool{T}.Shared"/>,
/// to be handed on later in order: output rendered ahead of its place in a document (the errors and warnings, which
/// run to tens of megabytes), without one ever-doubling array.</summary>
internal sealed class PooledBlocks : Stream
{
    private readonly List<(byte[] Block, int Length)> _blocks = [];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        var block = ArrayPool<byte>.Shared.Rent(buffer.Length);
        buffer.CopyTo(block);
        _blocks.Add((block, buffer.Length));
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Hands every block, in order, to <paramref name="write"/>, and returns it to the pool.</summary>
    public void Drain(ReadOnlySpanAction write)
    {
        foreach (var (block, length) in _blocks)
        {
            write(block.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(block);
        }

        _blocks.Clear();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public delegate void ReadOnlySpanAction(ReadOnlySpan<byte> bytes);
}
