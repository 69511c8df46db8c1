namespace Assessment.Core.Model;

/// <summary>Where a row came from: its file, the 1-based line where it starts (the physical line of a CSV file or a
/// JSON file, the row of a sheet), and for nested formats an anchor (the JSON path of the row object, or the sheet).</summary>
/// <remarks>Every fact carries one, so two identical rows stay two facts and every result can point back at its source.
/// The file and the anchor share one field: every row of a CSV file has the same file name and no anchor, so a row
/// carries one reference instead of two (8 bytes less in each of millions of rows).</remarks>
public readonly record struct RowSource
{
    // The file name, or for a row with an anchor the file and the anchor together.
    private readonly object? _where;

    /// <summary>A row's source.</summary>
    /// <param name="File">The file name.</param>
    /// <param name="Line">The 1-based line (or sheet row) where the row starts.</param>
    /// <param name="Anchor">For nested formats, the JSON path of the row object or the sheet; null for CSV.</param>
    public RowSource(string File, int Line, string? Anchor = null)
    {
        _where = Anchor is null ? File : new Located(File, Anchor);
        this.Line = Line;
    }

    /// <summary>A row's source whose anchor is made into text only when asked for (<see cref="JsonPath"/>).</summary>
    internal RowSource(string file, int line, JsonPath anchor)
    {
        _where = new Located(file, anchor);
        Line = line;
    }

    /// <summary>The file name.</summary>
    public string File
    {
        get => _where as string ?? (_where as Located)?.File!;
        init => _where = Anchor is { } anchor ? new Located(value, anchor) : value;
    }

    /// <summary>The 1-based line (or sheet row) where the row starts.</summary>
    public int Line { get; init; }

    /// <summary>For nested formats, the JSON path of the row object or the sheet; null for CSV.</summary>
    public string? Anchor
    {
        get => (_where as Located)?.Anchor;
        init => _where = value is null ? File : new Located(File, value);
    }

    /// <summary>The file, line and anchor.</summary>
    public void Deconstruct(out string File, out int Line, out string? Anchor)
    {
        File = this.File;
        Line = this.Line;
        Anchor = this.Anchor;
    }

    /// <summary>A compact label such as <c>sessions.csv:12</c>.</summary>
    public override string ToString() => $"{File}:{Line}";

    /// <summary>A file and an anchor: text, or a <see cref="JsonPath"/> made into text when asked for. Equal by their
    /// text, however each is held.</summary>
    private sealed class Located(string file, object anchor) : IEquatable<Located>
    {
        private readonly object _anchor = anchor;

        public string File { get; } = file;

        public string Anchor => _anchor as string ?? _anchor.ToString()!;

        public bool Equals(Located? other) =>
            other is not null && File == other.File && (ReferenceEquals(_anchor, other._anchor) || Anchor == other.Anchor);

        public override bool Equals(object? obj) => Equals(obj as Located);

        public override int GetHashCode() => HashCode.Combine(File, Anchor);
    }
}

/// <summary>Where a row object sits in a JSON document: its array's name and its index there, under its parent row's
/// object (a unit's, a session's). Made into its path (<c>units[3].sessions[2].attendance[5]</c>) only when asked for,
/// by a diagnostic or a report: a province's rows each holding their path as text took 0.39 of the 0.91 GB of reading
/// a 20,000-unit JSON export.</summary>
internal sealed class JsonPath(JsonPath? parent, string array, int index)
{
    public override string ToString() =>
        parent is null ? $"{array}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]"
            : $"{parent}.{array}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
}
