namespace Assessment.Core.Model;

/// <summary>Where a row came from: its file, the 1-based line where it starts (the physical line of a CSV file or a
/// JSON file, the row of a sheet), and for nested formats an anchor (the JSON path of the row object, or the sheet).</summary>
/// <remarks>Every fact carries one, so two identical rows stay two facts and every result can point back at its source.</remarks>
public readonly record struct RowSource(string File, int Line, string? Anchor = null)
{
    /// <summary>A compact label such as <c>sessions.csv:12</c>.</summary>
    public override string ToString() => $"{File}:{Line}";
}
