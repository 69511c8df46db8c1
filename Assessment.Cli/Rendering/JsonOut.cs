using System.Buffers;

namespace Assessment.Cli.Rendering;

/// <summary>A forward-only writer of indented JSON whose bytes are exactly those of Newtonsoft.Json's
/// <c>JsonTextWriter</c> with <c>Formatting.Indented</c>, an indentation of 2 and the default string escaping: the
/// same layout, the same escapes (<c>\"</c>, <c>\\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\b</c>, <c>\f</c>, other
/// control characters and U+0085, U+2028, U+2029 as lower-case <c>\uXXXX</c>; everything else as is).
/// It exists for speed: a 20,000-unit run writes 358 MB of JSON, and Newtonsoft's per-token state machine cost
/// about a second of one core (docs/performance.md). It does not validate: the renderer calls it in a fixed
/// shape, and the tests compare its output with Newtonsoft's byte for byte.</summary>
internal sealed class JsonOut(TextWriter writer)
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        Enumerable.Range(0, 32).Select(c => (char)c).Concat(['"', '\\', '\u0085', '\u2028', '\u2029']).ToArray());

    private const int MaxDepth = 64;

    private readonly char[] _buffer = new char[1 << 16];

    // A new line followed by the indentation of the deepest level; a prefix of it starts each line.
    private readonly string _indent = writer.NewLine + new string(' ', MaxDepth * 2);
    private readonly int _newLineLength = writer.NewLine.Length;

    // Per open container (1.._depth): whether it has an element yet.
    private readonly bool[] _hasElements = new bool[MaxDepth + 1];
    private int _depth;
    private int _used;
    private bool _afterName;

    public void StartObject() => Start('{');

    public void StartArray() => Start('[');

    public void EndObject() => End('}');

    public void EndArray() => End(']');

    /// <summary>A property name; the next call writes its value.</summary>
    public void Name(string name)
    {
        BeforeElement();
        Quoted(name);
        Append(": ");
        _afterName = true;
    }

    public void String(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            Append("null");
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
        value.TryFormat(_buffer.AsSpan(_used), out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        _used += n;
    }

    public void Bool(bool value)
    {
        BeforeValue();
        Append(value ? "true" : "false");
    }

    public void Null()
    {
        BeforeValue();
        Append("null");
    }

    /// <summary>A value written as given (a number already formatted).</summary>
    public void Raw(string value)
    {
        BeforeValue();
        Append(value);
    }

    /// <summary>Hands what is buffered to the text writer.</summary>
    public void Flush()
    {
        writer.Write(_buffer, 0, _used);
        _used = 0;
    }

    private void Start(char bracket)
    {
        BeforeValue();
        Reserve(1);
        _buffer[_used++] = bracket;
        _depth++;
        _hasElements[_depth] = false;
    }

    private void End(char bracket)
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
            _buffer[_used++] = ',';
        }

        _hasElements[_depth] = true;
        NewLineAndIndent(_depth);
    }

    private void NewLineAndIndent(int depth) => Append(_indent.AsSpan(0, _newLineLength + depth * 2));

    private void Quoted(string value)
    {
        Reserve(1);
        _buffer[_used++] = '"';
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var i = rest.IndexOfAny(NeedsEscape);
            var plain = i < 0 ? rest : rest[..i];
            Append(plain);
            if (i < 0)
            {
                break;
            }

            Escape(rest[i]);
            rest = rest[(i + 1)..];
        }

        Reserve(1);
        _buffer[_used++] = '"';
    }

    private void Escape(char c)
    {
        switch (c)
        {
            case '"':
                Append("\\\"");
                break;
            case '\\':
                Append("\\\\");
                break;
            case '\n':
                Append("\\n");
                break;
            case '\r':
                Append("\\r");
                break;
            case '\t':
                Append("\\t");
                break;
            case '\b':
                Append("\\b");
                break;
            case '\f':
                Append("\\f");
                break;
            default:
                Reserve(6);
                _buffer[_used++] = '\\';
                _buffer[_used++] = 'u';
                ((int)c).TryFormat(_buffer.AsSpan(_used, 4), out _, "x4", System.Globalization.CultureInfo.InvariantCulture);
                _used += 4;
                break;
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        while (text.Length > _buffer.Length - _used)
        {
            var room = _buffer.Length - _used;
            text[..room].CopyTo(_buffer.AsSpan(_used));
            _used += room;
            text = text[room..];
            Flush();
        }

        text.CopyTo(_buffer.AsSpan(_used));
        _used += text.Length;
    }

    private void Reserve(int chars)
    {
        if (_buffer.Length - _used < chars)
        {
            Flush();
        }
    }
}
