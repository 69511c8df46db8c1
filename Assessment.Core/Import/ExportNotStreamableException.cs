namespace Assessment.Core.Import;

/// <summary>Thrown by <see cref="CsvExport.Stream"/> when an export cannot be read unit by unit: its tables are not in
/// the order of units.csv, or an error was found after units were handed on. The units handed on must be discarded,
/// and the export read whole (<see cref="CsvExport.Read"/>), which gives the right result for any order.</summary>
public sealed class ExportNotStreamableException : Exception
{
    /// <summary>An exception with no message.</summary>
    public ExportNotStreamableException()
    {
    }

    /// <summary>An exception saying where the export stopped being streamable.</summary>
    public ExportNotStreamableException(string message)
        : base(message)
    {
    }

    /// <summary>Whether the bytes are no text in the encoding a whole read would read them in (a JSON export): that read
    /// would report only that file error, which <see cref="JsonExport.ReadNoText"/> finds as the file streams.</summary>
    internal bool NoText { get; init; }

    /// <summary>An exception saying where, with the exception that caused it.</summary>
    public ExportNotStreamableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
