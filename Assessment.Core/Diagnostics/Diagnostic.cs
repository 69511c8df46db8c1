using System.Globalization;

namespace Assessment.Core.Diagnostics;

/// <summary>How bad a problem is, and so what happens to the run.</summary>
public enum Severity
{
    /// <summary>Reported; scoring goes on.</summary>
    Warning,
    /// <summary>The unit the row belongs to is not scored; every other unit is.</summary>
    RowError,
    /// <summary>The run stops before scoring (exit code 2).</summary>
    FileError,
}

/// <summary>One problem found in an export, located by file, line, column and unit.</summary>
/// <param name="Severity">Warning, row error or file error.</param>
/// <param name="File">The file (or table) name, e.g. <c>sessions.csv</c>.</param>
/// <param name="Line">The 1-based physical line where the record starts (header = 1); 0 when the problem is not on a line.</param>
/// <param name="Column">The English column name, or null.</param>
/// <param name="UnitId">The unit the row belongs to, or null.</param>
/// <param name="Message">The message template.</param>
/// <param name="Args">The values filled into the template.</param>
/// <param name="Path">Where inside the file, for formats that have more than lines: a JSON path
/// (<c>units[0].sessions[2].date</c>) or a sheet cell (<c>成员!C5</c>); null for CSV.</param>
public sealed record Diagnostic(
    Severity Severity,
    string File,
    int Line,
    string? Column,
    string? UnitId,
    MessageTemplate Message,
    IReadOnlyList<string> Args,
    string? Path = null)
{
    /// <summary>The message in the given language ("zh" or "en").</summary>
    public string Text(string lang) =>
        string.Format(CultureInfo.InvariantCulture, lang == "en" ? Message.En : Message.Zh, Args.Cast<object>().ToArray());

    /// <summary>The stable code of the message, e.g. <c>bad-date</c>.</summary>
    public string Code => Message.Code;

    /// <summary>This diagnostic as a row error (how <c>--strict</c> treats warnings); a warning without a unit becomes a file error.</summary>
    public Diagnostic Escalated() => Severity != Severity.Warning ? this : this with { Severity = SeverityIn(strict: true) };

    /// <summary>The severity this diagnostic has in a run with or without <c>--strict</c> (what <see cref="Escalated"/>
    /// gives), without making the escalated diagnostic.</summary>
    internal Severity SeverityIn(bool strict) =>
        !strict || Severity != Severity.Warning ? Severity : string.IsNullOrEmpty(UnitId) ? Severity.FileError : Severity.RowError;

    /// <summary>The location and message on one line, e.g. <c>sessions.csv:12 [date] U001: ...</c>.</summary>
    public string Format(string lang)
    {
        var where = (Line > 0 ? $"{File}:{Line}" : File) + (Path is null ? "" : $" {Path}");
        var col = Column is null ? "" : $" [{Column}]";
        var unit = string.IsNullOrEmpty(UnitId) ? "" : $" {UnitId}";
        return $"{where}{col}{unit}: {Text(lang)}";
    }
}

/// <summary>A message in Chinese and English with numbered placeholders.</summary>
public sealed record MessageTemplate(string Code, string Zh, string En);
