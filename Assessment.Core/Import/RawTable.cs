namespace Assessment.Core.Import;

/// <summary>One record of a table, before its values are interpreted: folded strings by schema column, and its line.</summary>
/// <param name="Line">The 1-based physical line where the record starts.</param>
/// <param name="Values">Trimmed, NFKC-folded values indexed like the schema's columns; "" for a blank or absent column.</param>
/// <param name="Problem">A structural problem (malformed quoting, too many fields), or null.</param>
internal sealed record RawRecord(int Line, string[] Values, Diagnostics.MessageTemplate? Problem = null, string[]? ProblemArgs = null);

/// <summary>One table as read from a source (CSV file, JSON array or sheet), with its diagnostics.</summary>
internal sealed record RawTable(TableSchema Schema, string File, IReadOnlyList<RawRecord> Records, bool Present);
