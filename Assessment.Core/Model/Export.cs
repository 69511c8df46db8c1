using Assessment.Core.Diagnostics;

namespace Assessment.Core.Model;

/// <summary>Everything an export holds about one unit: its row and the rows of every table that belong to it.</summary>
public sealed record UnitRecord(
    UnitRow Unit,
    IReadOnlyList<MemberRow> Members,
    IReadOnlyList<SessionRow> Sessions,
    IReadOnlyList<AttendanceRow> Attendance,
    IReadOnlyList<SpeechRow> Speeches,
    IReadOnlyList<OutputRow> Outputs,
    IReadOnlyList<DocumentRow> Documents,
    IReadOnlyList<EventRow> Events,
    IReadOnlyList<DirectiveRow> Directives,
    IReadOnlyList<ReviewRow> Reviews,
    IReadOnlyList<WaiverRow> Waivers)
{
    /// <summary>The unit's id.</summary>
    public string UnitId => Unit.UnitId;

}

/// <summary>A whole export as read: the units in the order of units.csv, and every diagnostic.</summary>
/// <param name="Source">The folder or file the export was read from.</param>
/// <param name="Units">Units whose rows are all valid, in input order; only these are scored. Empty for an export
/// read unit by unit, whose valid units were handed on as they were read (<see cref="StreamedUnitIds"/>).</param>
/// <param name="InvalidUnits">Units with row errors, in input order, with their ids.</param>
/// <param name="Diagnostics">Every error and warning, in the order found.</param>
/// <param name="RowCounts">Rows read per table (English table name), for summaries.</param>
public sealed record Export(
    string Source,
    IReadOnlyList<UnitRecord> Units,
    IReadOnlyList<InvalidUnit> InvalidUnits,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, int> RowCounts)
{
    /// <summary>Whether a file error stopped reading (exit code 2).</summary>
    public bool HasFileErrors => Diagnostics.Any(d => d.Severity == Severity.FileError);

    /// <summary>Whether any row error was found (exit code 1 unless a file error was found too).</summary>
    public bool HasRowErrors => Diagnostics.Any(d => d.Severity == Severity.RowError);

    /// <summary>The exit code the spec gives to this export: 0 clean, 1 row errors, 2 file errors.</summary>
    public int ExitCode => HasFileErrors ? 2 : HasRowErrors ? 1 : 0;

    /// <summary>For an export read unit by unit (<see cref="Import.CsvExport.Stream"/>): the ids of the valid units,
    /// which were handed on as they were read and are not in <see cref="Units"/>; null otherwise.</summary>
    public IReadOnlyList<string>? StreamedUnitIds { get; init; }

    /// <summary>The ids of the valid units, in input order, whether held in <see cref="Units"/> or handed on.</summary>
    public IEnumerable<string> ValidUnitIds => StreamedUnitIds ?? Units.Select(u => u.UnitId);

    /// <summary>How many units are valid, whether held in <see cref="Units"/> or handed on.</summary>
    public int ValidUnitCount => StreamedUnitIds?.Count ?? Units.Count;

    /// <summary>Total units in units.csv order, valid and invalid.</summary>
    public int UnitCount => ValidUnitCount + InvalidUnits.Count;
}

/// <summary>A unit that is not scored because some row of it has an error.</summary>
public sealed record InvalidUnit(string UnitId, string? UnitName, int Order, IReadOnlyList<Diagnostic> Errors);
