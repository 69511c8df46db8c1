using Assessment.Core.Model;

namespace Assessment.Core.Import;

/// <summary>One record of a table, before its values are interpreted: folded strings by schema column, and its line.</summary>
/// <param name="Line">The 1-based physical line where the record starts.</param>
/// <param name="Values">Trimmed, NFKC-folded values indexed like the schema's columns; "" for a blank or absent column.</param>
/// <param name="Problem">A structural problem (malformed quoting, too many fields), or null.</param>
/// <param name="ProblemArgs">The values filled into the problem's message.</param>
/// <param name="Anchor">For nested formats, where the record is: the JSON path of its object (a <see cref="JsonPath"/>),
/// or its sheet's name.</param>
/// <param name="ValueLines">For formats whose values sit on their own lines (JSON), the line of each value; 0 where unknown.</param>
internal sealed record RawRecord(int Line, string[] Values, Diagnostics.MessageTemplate? Problem = null, string[]? ProblemArgs = null, object? Anchor = null,
    int[]? ValueLines = null);

/// <summary>One table as a source of raw records (a CSV file, a JSON array, a sheet). Records are not kept: the
/// reader maps each one straight to what it needs (a typed row), possibly on several threads, in input order.</summary>
internal abstract class RawTable(TableSchema schema, string file, bool present, Func<RowSource, string?, string?>? locate)
{
    public TableSchema Schema { get; } = schema;

    public string File { get; } = file;

    /// <summary>False for a missing (or empty) table.</summary>
    public bool Present { get; } = present;

    /// <summary>For formats with more than lines: the path of a row's column (a JSON path, a sheet cell).</summary>
    public Func<RowSource, string?, string?>? Locate { get; } = locate;

    public string? PathOf(RowSource source, string? column) => Locate?.Invoke(source, column);

    /// <summary>Maps every record, in input order. A table can be mapped once. The selector sees the record through a
    /// <see cref="Cells"/> that is reused for the next record on its thread: it must not keep it.</summary>
    public abstract IEnumerable<T> Map<T>(Func<Cells, T> selector);

    /// <summary>A table held as a list of records (JSON, XLSX, tests).</summary>
    public static RawTable Of(TableSchema schema, string file, IReadOnlyList<RawRecord> records, bool present, Func<RowSource, string?, string?>? locate = null) =>
        new ListTable(schema, file, records, present, locate);

    /// <summary>A table with no rows.</summary>
    public static RawTable Missing(TableSchema schema, string file) => new ListTable(schema, file, [], false, null);

    private sealed class ListTable(TableSchema schema, string file, IReadOnlyList<RawRecord> records, bool present, Func<RowSource, string?, string?>? locate)
        : RawTable(schema, file, present, locate)
    {
        public override IEnumerable<T> Map<T>(Func<Cells, T> selector)
        {
            var cells = new Cells(this);
            foreach (var record in records)
            {
                cells.Load(record);
                yield return selector(cells);
            }
        }
    }
}
