using Assessment.Core.Model;

namespace Assessment.Core.Import;

/// <summary>One record of a table, before its values are interpreted: folded strings by schema column, and its line.</summary>
/// <param name="Line">The 1-based physical line where the record starts.</param>
/// <param name="Values">Trimmed, NFKC-folded values indexed like the schema's columns; "" for a blank or absent column.</param>
/// <param name="Problem">A structural problem (malformed quoting, too many fields), or null.</param>
/// <param name="ProblemArgs">The values filled into the problem's message.</param>
/// <param name="Anchor">For nested formats, where the record is: the JSON path of its object, or its sheet.</param>
/// <param name="ValueLines">For formats whose values sit on their own lines (JSON), the line of each value; 0 where unknown.</param>
internal sealed record RawRecord(int Line, string[] Values, Diagnostics.MessageTemplate? Problem = null, string[]? ProblemArgs = null, string? Anchor = null,
    int[]? ValueLines = null);

/// <summary>One table as read from a source (CSV file, JSON array or sheet).</summary>
/// <param name="Locate">For formats with more than lines: the path of a row's column (a JSON path, a sheet cell).</param>
internal sealed record RawTable(TableSchema Schema, string File, IReadOnlyList<RawRecord> Records, bool Present,
    Func<RowSource, string?, string?>? Locate = null)
{
    public string? PathOf(RowSource source, string? column) => Locate?.Invoke(source, column);
}
