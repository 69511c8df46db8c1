using System.Text;

namespace Assessment.Core.Import;

/// <summary>Turns a file's bytes into text: UTF-8 (BOM or not), UTF-16 with BOM, or GB18030/GBK, detected per file.</summary>
internal static class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Resolves an encoding name given with <c>--encoding</c> (utf-8, utf-16, gb18030, gbk, ...).</summary>
    /// <returns>The encoding, or null when the name is not known or the encoding is not supported (UTF-7).</returns>
    public static Encoding? Resolve(string name)
    {
        try
        {
            var enc = Encoding.GetEncoding(name.Trim());
            // Throw on bad bytes instead of inventing replacement characters: we never guess a value.
            return Encoding.GetEncoding(enc.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null; // not a name .NET knows, or one it refuses (UTF-7)
        }
    }

    /// <summary>Decodes the bytes; with <paramref name="forced"/> null the encoding is detected.</summary>
    /// <param name="bytes">The file content.</param>
    /// <param name="forced">An encoding given by the user, or null.</param>
    /// <param name="text">The decoded text without a byte-order mark.</param>
    /// <param name="encodingName">The name of the encoding used or tried.</param>
    /// <returns>False when the bytes are not valid in the encoding.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, Encoding? forced, out string text, out string encodingName)
    {
        text = "";
        encodingName = "";
        foreach (var (encoding, skip, name) in Candidates(bytes, forced))
        {
            encodingName = name;
            try
            {
                text = encoding.GetString(bytes[skip..]);
                return true;
            }
            catch (DecoderFallbackException)
            {
            }
        }

        return false;
    }

    /// <summary>As <see cref="TryDecode"/>, but the text comes out as UTF-8 bytes, and never whole as a string (which
    /// takes two bytes a character: 480 MB for the attendance of 40,000 units in GB18030). The same text, encoded as
    /// <see cref="Encoding.UTF8"/> encodes it; bytes that are UTF-8 already are given back as they are. When it fails,
    /// <see cref="BadBytes(ArraySegment{byte}, Encoding?)"/> says which encoding to name and where.</summary>
    public static bool TryTranscode(ArraySegment<byte> bytes, Encoding? forced, out ArraySegment<byte> utf8)
    {
        utf8 = default;
        foreach (var (encoding, skip, _) in Candidates(bytes, forced))
        {
            if (ReferenceEquals(encoding, StrictUtf8))
            {
                if (System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(skip)))
                {
                    utf8 = bytes[skip..];
                    return true;
                }

                continue;
            }

            try
            {
                // Decoded twice, a block at a time: once to count the bytes, once to write them into an array of that size.
                var body = bytes.AsSpan(skip);
                var output = new byte[Transcode(body, encoding, null)];
                Transcode(body, encoding, output);
                utf8 = output;
                return true;
            }
            catch (DecoderFallbackException)
            {
            }
        }

        return false;
    }

    /// <summary>Decodes the bytes a block at a time and encodes each block as UTF-8, into <paramref name="output"/> or,
    /// when it is null, into a scratch buffer only to count; the bytes written (or counted).</summary>
    private static int Transcode(ReadOnlySpan<byte> bytes, Encoding encoding, byte[]? output)
    {
        var decoder = encoding.GetDecoder();
        var encoder = Encoding.UTF8.GetEncoder();
        var chars = new char[1 << 16];
        var scratch = output is null ? new byte[Encoding.UTF8.GetMaxByteCount(chars.Length)] : null;
        var written = 0L;
        var completed = false;
        while (!bytes.IsEmpty || !completed)
        {
            decoder.Convert(bytes, chars, flush: true, out var used, out var made, out completed);
            bytes = bytes[used..];
            // (The encoder keeps a pair's first half for the next block, should a decoder ever end a block between them.)
            var last = bytes.IsEmpty && completed;
            written += output is null
                ? encoder.GetBytes(chars.AsSpan(0, made), scratch, flush: last)
                : encoder.GetBytes(chars.AsSpan(0, made), output.AsSpan((int)written), flush: last);
        }

        return checked((int)written);
    }

    /// <summary>For bytes that <see cref="TryDecode"/> and <see cref="TryTranscode"/> refuse: the encoding to name and the
    /// line (from 1) on which its bad bytes begin. Detected, the file is taken for UTF-8 when UTF-8 reads it to a later
    /// line than GB18030, or to the same line past characters that are not ASCII (a UTF-8 file with one bad byte on line
    /// 75 is "not valid UTF-8" there, not "not valid GB18030" on its first line of Chinese); else for GB18030, as before
    /// lines were given. Line 0 when nothing fails (an encoding asked for that replaces what it cannot decode).</summary>
    public static BadText BadBytes(ArraySegment<byte> bytes, Encoding? forced) =>
        BadBytes(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false), forced);

    /// <summary>As <see cref="BadBytes(ArraySegment{byte}, Encoding?)"/>, for bytes read from a stream that can seek (a
    /// file on disk), a block at a time: the file is never held whole.</summary>
    public static BadText BadBytes(Stream text, Encoding? forced)
    {
        var head = new byte[4];
        text.Position = 0;
        var candidates = Candidates(head.AsSpan(0, text.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)), forced);
        var found = new BadText[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var (encoding, skip, name) = candidates[i];
            text.Position = skip;
            if (BadBytesIn(text, encoding) is not { } bad)
            {
                return new(name, 0, encoding, skip, text.Length);
            }

            found[i] = new(name, bad.Line, encoding, skip, skip + bad.Offset);
        }

        if (found is [var utf8, var gb18030])
        {
            var furtherAsUtf8 = utf8.Line > gb18030.Line || (utf8.Line == gb18030.Line && AnyNotAscii(text, utf8.End));
            return furtherAsUtf8 ? utf8 : gb18030;
        }

        return found[0];
    }

    /// <summary>Whether a file on disk may be GB18030 throughout, read a block at a time (true when it cannot be read: its
    /// read says why).</summary>
    public static bool MayBeGb18030(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            return BadBytesIn(file, Resolve("gb18030")!) is null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Whether the stream's first <paramref name="end"/> bytes hold any that are not ASCII.</summary>
    private static bool AnyNotAscii(Stream text, long end)
    {
        var block = new byte[1 << 16];
        text.Position = 0;
        for (var left = end; left > 0;)
        {
            var n = text.Read(block, 0, (int)Math.Min(block.Length, left));
            if (n == 0)
            {
                return false;
            }

            if (block.AsSpan(0, n).ContainsAnyInRange((byte)0x80, (byte)0xFF))
            {
                return true;
            }

            left -= n;
        }

        return false;
    }

    /// <summary>The text of <paramref name="bytes"/> up to where <paramref name="bad"/> says its bad bytes begin, then
    /// U+FFFD standing for them, as UTF-8 bytes: what a decoder that replaces bad bytes reads up to the first of them.
    /// Where the bad bytes are in a file's records is found by reading this as the file would be read.</summary>
    public static byte[] Utf8UpToBadBytes(ReadOnlySpan<byte> bytes, BadText bad)
    {
        var lenient = Lenient(bad.Encoding);
        var before = bytes[(int)bad.Start..(int)bad.End];
        ReadOnlySpan<byte> mark = "\uFFFD"u8;
        var output = new byte[Transcode(before, lenient, null) + mark.Length];
        mark.CopyTo(output.AsSpan(Transcode(before, lenient, output)));
        return output;
    }

    /// <summary>The text of <paramref name="text"/> up to where <paramref name="bad"/> says its bad bytes begin, read as
    /// it is decoded (a copy of a JSON export's text would be as large as the export). The stream is left open.</summary>
    public static TextReader TextUpToBadBytes(Stream text, BadText bad)
    {
        text.Position = bad.Start;
        return new StreamReader(new Slice(text, bad.End - bad.Start), Lenient(bad.Encoding), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }

    /// <summary>The next <paramref name="length"/> bytes of a stream, which stays open.</summary>
    private sealed class Slice(Stream inner, long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = _left <= 0 ? 0 : inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The encoding, replacing what it cannot decode with U+FFFD.</summary>
    private static Encoding Lenient(Encoding encoding)
    {
        var lenient = (Encoding)encoding.Clone();
        lenient.DecoderFallback = DecoderFallback.ReplacementFallback;
        return lenient;
    }

    /// <summary>Where the bytes that are no text in the encoding begin, reading from the stream's position: their line
    /// (from 1) and, within a few bytes, their offset from that position; null when there are none.</summary>
    private static (int Line, long Offset)? BadBytesIn(Stream text, Encoding encoding)
    {
        const int Block = 1 << 16;
        var decoder = encoding.GetDecoder();
        var bytes = new byte[Block];
        var chars = new char[encoding.GetMaxCharCount(Block)];
        var (lines, afterCr, start) = (1, false, 0L);
        while (true)
        {
            var n = text.ReadAtLeast(bytes, Block, throwOnEndOfStream: false);
            var block = bytes.AsSpan(0, n);
            try
            {
                // A block short of full is the last (an empty one only flushes the decoder).
                lines += LineBreaks(chars.AsSpan(0, decoder.GetChars(block, chars, flush: n < Block)), ref afterCr);
            }
            catch (DecoderFallbackException e)
            {
                // They begin at the index the exception gives in this block, or a few bytes before it in the block
                // before (a character's first bytes, which are no line break); the block's lines before it are counted
                // with a decoder that replaces what it cannot decode.
                var at = Math.Clamp(e.Index, 0, n);
                return (lines + LineBreaks(Lenient(encoding).GetString(block[..at]), ref afterCr), start + at);
            }

            if (n < Block)
            {
                return null;
            }

            start += n;
        }
    }

    /// <summary>The line breaks in the text as CsvHelper and Json.NET count lines: <c>\r\n</c>, <c>\r</c> or <c>\n</c>,
    /// each one break (<paramref name="afterCr"/>: the text before ended in <c>\r</c>).</summary>
    private static int LineBreaks(ReadOnlySpan<char> text, ref bool afterCr)
    {
        var breaks = 0;
        foreach (var c in text)
        {
            breaks += c == '\r' || (c == '\n' && !afterCr) ? 1 : 0;
            afterCr = c == '\r';
        }

        return breaks;
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    /// <summary>The encodings to try, in order, with the bytes of the mark each skips: a byte-order mark's; else the one
    /// asked for; else UTF-8 strictly (valid UTF-8 is almost never valid-looking GBK by accident, and vice versa), then
    /// GB18030. Each decodes strictly, except one asked for, which decodes as it was made to. <paramref name="bytes"/>
    /// need only be the file's first bytes.</summary>
    internal static List<(Encoding Encoding, int Skip, string Name)> Candidates(ReadOnlySpan<byte> bytes, Encoding? forced)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return [(StrictUtf8, 3, "UTF-8")];
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return [(new UnicodeEncoding(false, false, true), 2, "UTF-16LE")];
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return [(new UnicodeEncoding(true, false, true), 2, "UTF-16BE")];
        }

        return forced is not null ? [(forced, 0, forced.WebName)] : [(StrictUtf8, 0, "UTF-8"), (Resolve("gb18030")!, 0, "GB18030")];
    }
}

/// <summary>Where a file stops being text in an encoding.</summary>
/// <param name="Name">The encoding's name, as an error gives it.</param>
/// <param name="Line">The line (from 1) on which the bad bytes begin; 0 when there are none.</param>
/// <param name="Encoding">The encoding tried (strict, unless one asked for is not).</param>
/// <param name="Start">Where the text begins (after a byte-order mark).</param>
/// <param name="End">Where the bad bytes begin, within a few bytes (a character's first bytes may come before it).</param>
internal readonly record struct BadText(string Name, int Line, Encoding Encoding, long Start, long End);
