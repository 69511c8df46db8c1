using System.Globalization;
using System.Text;
using Assessment.Core.Diagnostics;
using Assessment.Core.Model;

namespace Assessment.Core.Import;

/// <summary>The record a table reader is on, with typed access to its values: every value that does not read gets a
/// located row error. One instance per reading thread, reused record after record. Values are trimmed and NFKC-folded
/// as they are loaded and read from spans; a string is made only for a value a row keeps, and one instance is shared
/// by every row that names the same id (a unit's id sits on thousands of attendance rows).</summary>
internal sealed class Cells
{
    /// <summary>Bounds the id cache: a pathological file of unique ids must not grow it forever.</summary>
    private const int MaxSharedIds = 500_000;

    /// <summary>Ids recently shared, per column, in a small table in front of the large one (a power of two).</summary>
    private const int RecentPerColumn = 64;

    private readonly RawTable _table;
    private readonly string _file;
    private readonly string[] _names;
    private readonly string?[] _lastId;
    private readonly string?[] _recent;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly bool[] _isId;
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly string?[] _strings;
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _idLookup;
    private char[] _chars = new char[512];
    private int _used;
    private int _next;
    private string? _unitId;
    private int[]? _valueLines;
    private MessageTemplate? _problem;
    private string[]? _problemArgs;

    // The values of the last unknown-word error: a column wrong in every row (a status word the vocabulary does not
    // have, in every attendance row) names the same word each time, and its millions of errors share one array.
    private string[]? _lastUnknownWord;

    public Cells(RawTable table)
    {
        _table = table;
        _file = table.File;
        _names = table.Schema.Columns.Select(c => c.Name).ToArray();
        var n = _names.Length;
        _isId = _names.Select(c => c.EndsWith("_id", StringComparison.Ordinal) || c == "approved_by").ToArray();
        _lastId = new string?[n];
        _recent = new string?[n * RecentPerColumn];
        _start = new int[n];
        _length = new int[n];
        _strings = new string?[n];
        _idLookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool HasError { get; private set; }

    /// <summary>The 1-based physical line where the record starts.</summary>
    public int Line { get; private set; }

    /// <summary>For nested formats, where the record is: the JSON path of its object, or its sheet.</summary>
    public object? Anchor { get; private set; }

    public RowSource Source => Anchor is JsonPath path ? new(_file, Line, path) : new(_file, Line, (string?)Anchor);

    /// <summary>The unit the errors of this row are attributed to; null for a row of every unit.</summary>
    public string? UnitId
    {
        get => _unitId;
        set => _unitId = string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A row of every unit (blank or * unit): its errors are file errors, since no single unit can carry them.</summary>
    public bool AppliesToEveryUnit { get; set; }

    /// <summary>Starts the next record: every value blank, no diagnostics.</summary>
    public void Begin(int line, object? anchor = null, int[]? valueLines = null)
    {
        Line = line;
        Anchor = anchor;
        _valueLines = valueLines;
        HasError = false;
        AppliesToEveryUnit = false;
        _unitId = null;
        _problem = null;
        _problemArgs = null;
        _used = 0;
        _diagnostics.Clear();
        Array.Fill(_strings, "");
    }

    /// <summary>Loads a record held as strings (JSON, XLSX, tests); its values are already folded.</summary>
    public void Load(RawRecord record)
    {
        Begin(record.Line, record.Anchor, record.ValueLines);
        Array.Copy(record.Values, _strings, _strings.Length);
        _problem = record.Problem;
        _problemArgs = record.ProblemArgs;
    }

    /// <summary>Sets a column from UTF-8 bytes, trimmed and folded.</summary>
    public void SetUtf8(int column, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return;
        }

        if (_chars.Length - _used < utf8.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + utf8.Length));
        }

        var start = _used;
        int n;
        if (System.Text.Ascii.IsValid(utf8))
        {
            // Ids, dates, numbers and English words: ASCII, which NFKC leaves alone. Widened without validation.
            System.Text.Ascii.ToUtf16(utf8, _chars.AsSpan(start), out n);
        }
        else
        {
            n = Encoding.UTF8.GetChars(utf8, _chars.AsSpan(start));
            if (!ValueParser.TryFoldInPlace(_chars.AsSpan(start, n)))
            {
                _strings[column] = ValueParser.Fold(Encoding.UTF8.GetString(utf8));
                return;
            }
        }

        var from = start;
        var to = start + n;
        while (from < to && IsWhiteSpace(_chars[from]))
        {
            from++;
        }

        while (to > from && IsWhiteSpace(_chars[to - 1]))
        {
            to--;
        }

        _strings[column] = null;
        _start[column] = from;
        _length[column] = to - from;
        _used = start + n;
    }

    /// <summary><see cref="char.IsWhiteSpace(char)"/>, without its Unicode table lookup for the common case: ASCII, and
    /// every character above U+3000 (the CJK text of an export), none of which is white space.</summary>
    internal static bool IsWhiteSpace(char c) =>
        c < 0x80 ? c == ' ' || c is >= '\t' and <= '\r' : c <= '\u3000' && char.IsWhiteSpace(c);

    /// <summary>Blanks a column (a value over the length limit, reported as the record's problem).</summary>
    public void Clear(int column) => _strings[column] = "";

    /// <summary>A structural problem of the record (malformed quoting, too many fields), reported as a row error.</summary>
    public void SetProblem(MessageTemplate? problem, params string[] args)
    {
        _problem = problem;
        _problemArgs = args;
    }

    /// <summary>A column's folded value.</summary>
    public ReadOnlySpan<char> Span(int column) => _strings[column] is { } s ? s.AsSpan() : _chars.AsSpan(_start[column], _length[column]);

    /// <summary>A column's folded value as a string; ids are shared.</summary>
    public string Text(int column)
    {
        if (_strings[column] is { } s)
        {
            return s;
        }

        var span = _chars.AsSpan(_start[column], _length[column]);
        string value;
        if (!_isId[column])
        {
            value = span.ToString();
        }
        else if (_lastId[column] is { } last && span.SequenceEqual(last))
        {
            value = last; // consecutive rows usually name the same unit and session: no hashing
        }
        else if (_recent[RecentSlot(column, span)] is { } recent && span.SequenceEqual(recent))
        {
            value = recent; // a member of the unit in hand, named again a few rows on: no lookup in the large table
        }
        else
        {
            if (!_idLookup.TryGetValue(span, out value!))
            {
                if (_ids.Count >= MaxSharedIds)
                {
                    _ids.Clear();
                }

                value = span.ToString();
                _ids[value] = value;
            }

            _recent[RecentSlot(column, span)] = value;
        }

        if (_isId[column])
        {
            _lastId[column] = value;
        }

        _strings[column] = value;
        return value;
    }

    /// <summary>Where an id may sit in <see cref="_recent"/>: by its column, its length and its last two characters,
    /// where the ids of one unit's members and sessions differ.</summary>
    private static int RecentSlot(int column, ReadOnlySpan<char> id) =>
        (column * RecentPerColumn) + (id.Length == 0 ? 0 : (id.Length * 31 + id[^1] * 7 + (id.Length > 1 ? id[^2] : 0)) & (RecentPerColumn - 1));

    /// <summary>A column's index by its English name. Parsers ask for columns roughly in schema order, so the search
    /// starts after the last column found.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Index(string column)
    {
        var i = _next;
        if (ReferenceEquals(_names[i], column))
        {
            _next = i + 1 == _names.Length ? 0 : i + 1;
            return i;
        }

        return Search(column);
    }

    private int Search(string column)
    {
        var n = _names.Length;
        for (int k = 0, i = _next; k < n; k++, i = i + 1 == n ? 0 : i + 1)
        {
            if (ReferenceEquals(_names[i], column) || _names[i] == column)
            {
                _next = i + 1 == n ? 0 : i + 1;
                return i;
            }
        }

        throw new ArgumentException($"{_table.Schema.Name} has no column {column}", nameof(column));
    }

    public string Raw(string column) => Text(Index(column));

    /// <summary>A column's folded value, without making a string of it.</summary>
    public ReadOnlySpan<char> Value(string column) => Span(Index(column));

    public string Req(string column)
    {
        var v = Raw(column);
        if (v.Length == 0)
        {
            Error(column, Messages.Required);
        }

        return v;
    }

    public string? Opt(string column)
    {
        var v = Raw(column);
        return v.Length == 0 ? null : v;
    }

    public bool? Bool(string column)
    {
        var v = Span(Index(column));
        if (v.IsEmpty)
        {
            return null;
        }

        if (ValueParser.TryBoolean(v, out var b))
        {
            return b;
        }

        Error(column, Messages.BadBoolean, v.ToString());
        return null;
    }

    public DateOnly? Date(string column, bool required = false)
    {
        var v = Span(Index(column));
        if (v.IsEmpty)
        {
            if (required)
            {
                Error(column, Messages.Required);
            }

            return null;
        }

        if (ValueParser.TryDate(v, out var d))
        {
            return d;
        }

        Error(column, Messages.BadDate, v.ToString());
        return null;
    }

    public int? Whole(string column, int min, int max, bool required = false)
    {
        var v = Span(Index(column));
        if (v.IsEmpty)
        {
            if (required)
            {
                Error(column, Messages.Required);
            }

            return null;
        }

        if (ValueParser.TryWhole(v, min, max, out var n))
        {
            return n;
        }

        Error(column, Messages.BadWholeNumber, v.ToString(), min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    public decimal? Rate(string column)
    {
        var v = Span(Index(column));
        if (v.IsEmpty)
        {
            return null;
        }

        if (ValueParser.TryRate(v, out var r))
        {
            return r;
        }

        Error(column, Messages.BadRate, v.ToString());
        return null;
    }

    public T Word<T>(string column, Vocabulary<T> vocabulary, T? fallback = null) where T : struct, Enum
    {
        var v = Span(Index(column));
        if (v.IsEmpty)
        {
            if (fallback is { } f)
            {
                return f;
            }

            Error(column, Messages.Required);
            return default;
        }

        if (vocabulary.TryParse(v, out var value))
        {
            return value;
        }

        var args = _lastUnknownWord is [var word, var named] && ReferenceEquals(named, column) && v.SequenceEqual(word)
            ? _lastUnknownWord
            : _lastUnknownWord = [v.ToString(), column];
        Error(column, Messages.UnknownWord, args);
        return default;
    }

    public void Error(string? column, MessageTemplate message, params string[] args)
    {
        HasError = true;
        _diagnostics.Add(new(AppliesToEveryUnit ? Severity.FileError : Severity.RowError, _table.File, LineOf(column), column, UnitId, message, args,
            _table.PathOf(Source, column)));
    }

    public void CheckStructure()
    {
        if (_problem is not null)
        {
            Error(null, _problem, _problemArgs ?? []);
        }
    }

    /// <summary>The diagnostics this record got, or null; the list is reused for the next record.</summary>
    public Diagnostic[]? TakeDiagnostics() => _diagnostics.Count == 0 ? null : _diagnostics.ToArray();

    private int LineOf(string? column) =>
        column is not null && _valueLines is { } lines && lines[Index(column)] > 0 ? lines[Index(column)] : Line;
}
