using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using Assessment.Core.Scoring;

namespace Assessment.Cli.Rendering;

/// <summary>A forward-only writer of indented JSON, as UTF-8 bytes, that are exactly those of Newtonsoft.Json's
/// <c>JsonTextWriter</c> (<c>Formatting.Indented</c>, an indentation of 2, the default string escaping) written
/// through a UTF-8 text writer: the same layout, the same escapes (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\r</c>,
/// <c>\t</c>, <c>\b</c>, <c>\f</c>, other control characters and U+0085, U+2028, U+2029 as lower-case
/// <c>\uXXXX</c>; everything else as is, a lone surrogate as U+FFFD like any UTF-8 encoder).
/// It exists for speed: a 20,000-unit run writes 358 MB of JSON; Newtonsoft's per-token state machine and then the
/// text writer's encoding of every character cost about a second of one core (docs/performance.md). It does not
/// validate: the renderer calls it in a fixed shape, and the tests compare its bytes with Newtonsoft's.
/// A <see cref="Fragment"/> writer renders a value of a larger document into pooled memory instead (on a scoring
/// thread), which the document's writer then places with <see cref="Rendered"/>.</summary>
internal sealed class JsonOut
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        Enumerable.Range(0, 32).Select(c => (char)c).Concat(['"', '\\', '\u0085', '\u2028', '\u2029']).ToArray());

    // The same bytes as UTF-8: ASCII controls, the quote and the backslash, and the lead bytes of U+0085 (C2 85) and
    // of U+2028 / U+2029 (E2 80 A8 / A9). C2 and E2 lead other characters too (×, →, ≥), which are checked whole.
    private static readonly SearchValues<byte> MayNeedEscape = SearchValues.Create(
        Enumerable.Range(0, 32).Select(b => (byte)b).Concat([(byte)'"', (byte)'\\', (byte)0xC2, (byte)0xE2]).ToArray());

    private const int MaxDepth = 64;

    // Property names are a few literals written millions of times: each one's bytes ("name": ) are made once.
    private const int MaxCachedNames = 1024;
    private readonly Dictionary<string, byte[]> _names = new(StringComparer.Ordinal);

    // Null for a fragment, whose buffer grows instead of being flushed.
    private readonly Stream? _stream;
    private byte[] _buffer;

    // A new line followed by the indentation of the deepest level; a prefix of it starts each line.
    private readonly byte[] _indent;
    private readonly int _newLineLength;

    // Per open container (1.._depth): whether it has an element yet.
    private readonly bool[] _hasElements = new bool[MaxDepth + 1];
    private int _depth;
    private int _used;
    private bool _afterName;

    // Where a fragment writer starts each value (see Restart).
    private readonly int _fragmentDepth;

    public JsonOut(Stream stream, string newLine)
        : this(newLine, new byte[1 << 16])
    {
        _stream = stream;
    }

    private JsonOut(string newLine, byte[] buffer)
    {
        NewLine = newLine;
        _buffer = buffer;
        _indent = Encoding.UTF8.GetBytes(newLine + new string(' ', MaxDepth * 2));
        _newLineLength = Encoding.UTF8.GetByteCount(newLine);
    }

    public string NewLine { get; }

    /// <summary>A writer of values that sit at <paramref name="depth"/> of a larger document (a unit in the array of
    /// units: 2), one at a time, each taken with <see cref="Detach"/> and placed with <see cref="Rendered"/>.</summary>
    public static JsonOut Fragment(string newLine, int depth) => new(newLine, depth);

    /// <summary>A writer of further members of an object at <paramref name="depth"/> that has members already, into
    /// <paramref name="stream"/>; the bytes are placed later with <see cref="RenderedMembers"/>.</summary>
    public static JsonOut MembersFragment(Stream stream, string newLine, int depth)
    {
        var j = new JsonOut(stream, newLine) { _depth = depth };
        j._hasElements[depth] = true; // each member after a comma
        return j;
    }

    private JsonOut(string newLine, int depth)
        : this(newLine, FragmentPool.Rent(1 << 15))
    {
        _fragmentDepth = depth;
        Restart();
    }

    /// <summary>Where fragment writers take their memory. Units are rendered on the scoring threads faster than the
    /// document's writer gives their memory back, and the shared pool keeps few arrays per size and empties itself
    /// when memory is short: this one keeps up to 512 per size (`allocs` helper: 185 MB of buffers allocated for
    /// 20,000 units with the shared pool).</summary>
    public static ArrayPool<byte> FragmentPool { get; } = ArrayPool<byte>.Create(1 << 24, 512);

    /// <summary>What a fragment writer has written, in memory rented from <see cref="FragmentPool"/> that the caller
    /// now owns (and returns there once it is written); the writer starts again.</summary>
    public (byte[] Bytes, int Length) Detach()
    {
        var taken = (_buffer, _used);
        _buffer = FragmentPool.Rent(Math.Max(1 << 15, _used));
        Restart();
        return taken;
    }

    // The value is written as is (as after a name): the document's writer puts the separator before it.
    private void Restart()
    {
        _used = 0;
        _depth = _fragmentDepth;
        _afterName = true;
    }

    /// <summary>A value a <see cref="Fragment"/> writer rendered at this writer's depth.</summary>
    public void Rendered(ReadOnlySpan<byte> value)
    {
        BeforeValue();
        AppendAny(value);
    }

    /// <summary>Members a <see cref="MembersFragment"/> writer rendered for the object this writer is in.</summary>
    public void RenderedMembers(ReadOnlySpan<byte> members) => AppendAny(members);

    private void AppendAny(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= _buffer.Length)
        {
            Append(bytes);
            return;
        }

        Flush();
        _stream!.Write(bytes);
    }

    public void StartObject() => Start((byte)'{');

    public void StartArray() => Start((byte)'[');

    public void EndObject() => End((byte)'}');

    public void EndArray() => End((byte)']');

    /// <summary>A property name; the next call writes its value.</summary>
    public void Name(string name)
    {
        BeforeElement();
        if (_names.TryGetValue(name, out var bytes))
        {
            Append(bytes);
        }
        else if (_names.Count < MaxCachedNames && name.Length * 6 + 4 <= _buffer.Length)
        {
            Reserve(name.Length * 6 + 4); // room for the name escaped throughout: nothing flushes until it is copied
            var start = _used;
            Quoted(name);
            Append(": "u8);
            _names[name] = _buffer.AsSpan(start, _used - start).ToArray();
        }
        else
        {
            Quoted(name);
            Append(": "u8);
        }

        _afterName = true;
    }

    public void String(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            Append("null"u8);
        }
        else
        {
            Quoted(value);
        }
    }

    public void Number(int value)
    {
        BeforeValue();
        Reserve(11);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_used), out var n);
        _used += n;
    }

    /// <summary>A decimal without trailing zeros (3, 83.5, 0.25): the text of <c>Numbers.Format</c>.</summary>
    public void Number(decimal value)
    {
        BeforeValue();
        Reserve(Numbers.MaxFormattedLength);
        _used += Numbers.FormatUtf8(value, _buffer.AsSpan(_used));
    }

    public void Bool(bool value)
    {
        BeforeValue();
        Append(value ? "true"u8 : "false"u8);
    }

    public void Null()
    {
        BeforeValue();
        Append("null"u8);
    }

    /// <summary>Hands what is buffered to the stream.</summary>
    public void Flush()
    {
        _stream!.Write(_buffer, 0, _used);
        _used = 0;
    }

    /// <summary>Makes room for at least <paramref name="bytes"/> more (no more than the buffer holds): flushes, or
    /// for a fragment grows the buffer.</summary>
    private void Room(int bytes)
    {
        if (_stream is not null)
        {
            Flush();
            return;
        }

        var bigger = FragmentPool.Rent(Math.Max(_buffer.Length * 2, _used + bytes));
        _buffer.AsSpan(0, _used).CopyTo(bigger);
        FragmentPool.Return(_buffer);
        _buffer = bigger;
    }

    private void Start(byte bracket)
    {
        BeforeValue();
        Reserve(1);
        _buffer[_used++] = bracket;
        _depth++;
        _hasElements[_depth] = false;
    }

    private void End(byte bracket)
    {
        if (_hasElements[_depth--])
        {
            NewLineAndIndent(_depth);
        }

        Reserve(1);
        _buffer[_used++] = bracket;
    }

    // A value is either a property's (written right after "name": ) or an array element (on a line of its own).
    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
        }
        else if (_depth > 0)
        {
            BeforeElement();
        }
    }

    private void BeforeElement()
    {
        if (_hasElements[_depth])
        {
            Reserve(1);
            _buffer[_used++] = (byte)',';
        }

        _hasElements[_depth] = true;
        NewLineAndIndent(_depth);
    }

    private void NewLineAndIndent(int depth) => Append(_indent.AsSpan(0, _newLineLength + depth * 2));

    private void Quoted(string value)
    {
        // Most strings need no escape: transcode them at once and check the bytes; else start again piece by piece.
        if (value.Length <= (_buffer.Length - 2) / 3)
        {
            Reserve(value.Length * 3 + 2);
            var start = _used;
            _buffer[_used++] = (byte)'"';
            Utf8.FromUtf16(value, _buffer.AsSpan(_used), out _, out var written);
            if (!HasEscapes(_buffer.AsSpan(_used, written)))
            {
                _used += written;
                _buffer[_used++] = (byte)'"';
                return;
            }

            _used = start;
        }

        Reserve(1);
        _buffer[_used++] = (byte)'"';
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var i = rest.IndexOfAny(NeedsEscape);
            Text(i < 0 ? rest : rest[..i]);
            if (i < 0)
            {
                break;
            }

            Escape(rest[i]);
            rest = rest[(i + 1)..];
        }

        Reserve(1);
        _buffer[_used++] = (byte)'"';
    }

    private static bool HasEscapes(ReadOnlySpan<byte> utf8)
    {
        int i;
        while ((i = utf8.IndexOfAny(MayNeedEscape)) >= 0)
        {
            var b = utf8[i];
            if (b < 0x80
                || (b == 0xC2 && i + 1 < utf8.Length && utf8[i + 1] == 0x85)
                || (b == 0xE2 && i + 2 < utf8.Length && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9)))
            {
                return true;
            }

            utf8 = utf8[(i + 1)..];
        }

        return false;
    }

    /// <summary>Text as UTF-8, in as many pieces as the buffer needs (never inside a character).</summary>
    private void Text(ReadOnlySpan<char> text)
    {
        while (true)
        {
            Utf8.FromUtf16(text, _buffer.AsSpan(_used), out var read, out var written);
            _used += written;
            text = text[read..];
            if (text.IsEmpty)
            {
                return;
            }

            Room(4);
        }
    }

    private void Escape(char c)
    {
        switch (c)
        {
            case '"':
                Append("\\\""u8);
                break;
            case '\\':
                Append("\\\\"u8);
                break;
            case '\n':
                Append("\\n"u8);
                break;
            case '\r':
                Append("\\r"u8);
                break;
            case '\t':
                Append("\\t"u8);
                break;
            case '\b':
                Append("\\b"u8);
                break;
            case '\f':
                Append("\\f"u8);
                break;
            default:
                Reserve(6);
                _buffer[_used++] = (byte)'\\';
                _buffer[_used++] = (byte)'u';
                Utf8Formatter.TryFormat((ushort)c, _buffer.AsSpan(_used, 4), out _, new StandardFormat('x', 4));
                _used += 4;
                break;
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Room(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _used < bytes)
        {
            Room(bytes);
        }
    }
}
