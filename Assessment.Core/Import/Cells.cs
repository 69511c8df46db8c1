using Assessment.Core.Diagnostics;
using Assessment.Core.Model;

namespace Assessment.Core.Import;

/// <summary>Typed access to one raw record's values, recording a located row error for every value that does not read.</summary>
internal sealed class Cells(RawTable table, RawRecord record, List<Diagnostic> diagnostics)
{
    private string? _unitId;

    public bool HasError { get; private set; }

    public int Line => record.Line;

    public RowSource Source => new(table.File, record.Line, record.Anchor);

    /// <summary>The unit the errors of this row are attributed to; null for a row of every unit.</summary>
    public string? UnitId
    {
        get => _unitId;
        set => _unitId = string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>A row of every unit (blank or * unit): its errors are file errors, since no single unit can carry them.</summary>
    public bool AppliesToEveryUnit { get; init; }

    public string Raw(string column) => record.Values[Index(column)];

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
        var v = Raw(column);
        if (v.Length == 0)
        {
            return null;
        }

        if (ValueParser.TryBoolean(v, out var b))
        {
            return b;
        }

        Error(column, Messages.BadBoolean, v);
        return null;
    }

    public DateOnly? Date(string column, bool required = false)
    {
        var v = Raw(column);
        if (v.Length == 0)
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

        Error(column, Messages.BadDate, v);
        return null;
    }

    public int? Whole(string column, int min, int max, bool required = false)
    {
        var v = Raw(column);
        if (v.Length == 0)
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

        Error(column, Messages.BadWholeNumber, v, min.ToString(System.Globalization.CultureInfo.InvariantCulture), max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return null;
    }

    public decimal? Rate(string column)
    {
        var v = Raw(column);
        if (v.Length == 0)
        {
            return null;
        }

        if (ValueParser.TryRate(v, out var r))
        {
            return r;
        }

        Error(column, Messages.BadRate, v);
        return null;
    }

    public T Word<T>(string column, Vocabulary<T> vocabulary, T? fallback = null) where T : struct, Enum
    {
        var v = Raw(column);
        if (v.Length == 0)
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

        Error(column, Messages.UnknownWord, v, column);
        return default;
    }

    public void Error(string? column, MessageTemplate message, params string[] args)
    {
        HasError = true;
        diagnostics.Add(new(AppliesToEveryUnit ? Severity.FileError : Severity.RowError, table.File, LineOf(column), column, UnitId, message, args, table.PathOf(Source, column)));
    }

    public void Warn(string? column, MessageTemplate message, params string[] args) =>
        diagnostics.Add(new(Severity.Warning, table.File, LineOf(column), column, UnitId, message, args, table.PathOf(Source, column)));

    private int LineOf(string? column) =>
        column is not null && record.ValueLines is { } lines && lines[Index(column)] > 0 ? lines[Index(column)] : record.Line;

    public void CheckStructure()
    {
        if (record.Problem is not null)
        {
            Error(null, record.Problem, record.ProblemArgs ?? []);
        }
    }

    private int Index(string column)
    {
        var cols = table.Schema.Columns;
        for (var i = 0; i < cols.Count; i++)
        {
            if (ReferenceEquals(cols[i].Name, column) || cols[i].Name == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"{table.Schema.Name} has no column {column}", nameof(column));
    }
}
