using System.Buffers;

namespace Assessment.Cli.Rendering;

/// <summary>A write-only stream that keeps what it is given, to be handed on later in order: output rendered ahead of
/// its place in a document (the errors and warnings). The first <see cref="DefaultMemoryBudget"/> bytes are kept in
/// blocks rented from <see cref="ArrayPool{T}.Shared"/>, without one ever-doubling array; the rest go to a temporary
/// file, so that an export with one column wrong in every row (millions of errors, hundreds of megabytes of their
/// JSON) does not hold them all in memory. Should no temporary file be made, or writing to it fail, they are kept in
/// memory as before.</summary>
internal sealed class PooledBlocks : Stream
{
    /// <summary>What is kept in memory before the rest goes to a file: more than the warnings of the 20,000-unit
    /// benchmark export (35 MB), so that a usual export never touches the disk for them.</summary>
    public const long DefaultMemoryBudget = 64L << 20;

    // Each entry is a block in memory, or (Block null) the next Length bytes of the file.
    private readonly List<(byte[]? Block, int Length)> _blocks = [];
    private readonly long _memoryBudget;
    private readonly Func<Stream> _overflow;
    private long _inMemory;
    private Stream? _file;
    private bool _fileFailed;

    /// <param name="memoryBudget">The bytes kept in memory before the rest goes to a file.</param>
    /// <param name="overflow">Makes the file (empty, readable and writable, deleted once closed); by default a
    /// spool file in the temporary folder (<see cref="Spool.TemporaryFile"/>).</param>
    public PooledBlocks(long memoryBudget = DefaultMemoryBudget, Func<Stream>? overflow = null)
    {
        _memoryBudget = memoryBudget;
        _overflow = overflow ?? Spool.TemporaryFile;
    }

    /// <summary>Whether some of what was written went to the file (tests).</summary>
    internal bool Spilled { get; private set; }

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

        if (_inMemory + buffer.Length > _memoryBudget && ToFile(buffer))
        {
            return;
        }

        var block = ArrayPool<byte>.Shared.Rent(buffer.Length);
        buffer.CopyTo(block);
        _blocks.Add((block, buffer.Length));
        _inMemory += buffer.Length;
    }

    /// <summary>Writes <paramref name="buffer"/> to the file, making it first; false when there is no file or the write
    /// failed, and then every later write stays in memory. Whatever part of a failed write reached the file sits after
    /// every byte its entries account for, and is never read.</summary>
    private bool ToFile(ReadOnlySpan<byte> buffer)
    {
        if (_fileFailed)
        {
            return false;
        }

        try
        {
            _file ??= _overflow();
            _file.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _fileFailed = true;
            return false;
        }

        Spilled = true;
        if (_blocks.Count > 0 && _blocks[^1] is (null, var length) && length <= int.MaxValue - buffer.Length)
        {
            _blocks[^1] = (null, length + buffer.Length);
        }
        else
        {
            _blocks.Add((null, buffer.Length));
        }

        return true;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Hands everything written, in order, to <paramref name="write"/>, returning the blocks to the pool and
    /// closing the file.</summary>
    public void Drain(ReadOnlySpanAction write)
    {
        byte[]? chunk = null;
        if (_file is not null)
        {
            _file.Position = 0;
        }

        try
        {
            foreach (var (block, length) in _blocks)
            {
                if (block is not null)
                {
                    write(block.AsSpan(0, length));
                    ArrayPool<byte>.Shared.Return(block);
                    continue;
                }

                chunk ??= new byte[1 << 16];
                for (var left = length; left > 0;)
                {
                    var n = _file!.Read(chunk, 0, Math.Min(chunk.Length, left));
                    if (n == 0)
                    {
                        throw new IOException("The temporary file of the errors and warnings ended early.");
                    }

                    write(chunk.AsSpan(0, n));
                    left -= n;
                }
            }
        }
        finally
        {
            _blocks.Clear();
            _inMemory = 0;
            _file?.Dispose();
            _file = null;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var (block, _) in _blocks)
            {
                if (block is not null)
                {
                    ArrayPool<byte>.Shared.Return(block);
                }
            }

            _blocks.Clear();
            _file?.Dispose();
            _file = null;
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public delegate void ReadOnlySpanAction(ReadOnlySpan<byte> bytes);
}
