using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;

namespace Assessment.Cli.Commands;

/// <summary>Resolves the input path and the rubric, and reads the export: the one place the CLI turns arguments into data.</summary>
internal static class ExportLoader
{
    /// <summary>The sample export shipped beside the program (copied into the output folder at build time).</summary>
    public static string SamplePath => System.IO.Path.Combine(AppContext.BaseDirectory, "samples");

    public static Assessor CreateAssessor(string? rubric)
    {
        try
        {
            return rubric is null ? Assessor.Create() : Assessor.Create(RubricCatalog.Load(rubric));
        }
        catch (RubricException e)
        {
            throw new UsageException($"--rubric: {RubricCommand.Unusable(e)}");
        }
    }

    /// <summary>The input's path when it may be read unit by unit: a folder of CSV files or a JSON file; null for a
    /// workbook, a path that does not exist (<see cref="Read(ExportInput, ReadOptions, ExportNotStreamableException?)"/>
    /// says what is wrong with it), or a pipe that could not be copied.</summary>
    public static string? Streamable(ExportInput input) => input.Failure is null ? Streamable(input.Path) : null;

    private static string? Streamable(string source)
    {
        return File.Exists(source) ? (System.IO.Path.GetExtension(source).Equals(".json", StringComparison.OrdinalIgnoreCase) ? source : null)
            : Directory.Exists(source) ? source : null;
    }

    /// <summary>Reads a <see cref="Streamable(ExportInput)"/> input unit by unit (<see cref="CsvExport.Stream"/>,
    /// <see cref="JsonExport.Stream"/>). <paramref name="onUnitsListed"/> is told how many units there are as soon as
    /// that is known: a CSV folder's units.csv lists them first; a JSON file's number is known only at its end, and it
    /// is told -1 at once.</summary>
    /// <exception cref="ExportNotStreamableException">The input cannot be read so; it is to be read whole.</exception>
    public static Export Stream(string source, ReadOptions options, Action<UnitRecord> onUnit, Action<int>? onUnitsListed = null)
    {
        if (Directory.Exists(source))
        {
            return CsvExport.Stream(source, options, onUnit, onUnitsListed);
        }

        onUnitsListed?.Invoke(-1);
        return JsonExport.Stream(source, options, onUnit);
    }

    /// <summary>Reads the export for a command that keeps no unit (<c>validate</c>): a CSV folder or a JSON file unit by
    /// unit, each unit dropped once checked, so memory does not hold the export; a workbook, or an export that cannot
    /// be read so (tables not in unit order, a unit listed twice), whole.</summary>
    public static Export Check(ExportInput input, ReadOptions options) =>
        input.Failure ?? Streamed(input, options, _ => { }, out var failed) ?? Read(input, options, failed);

    /// <summary>Reads the export for one unit's records (<c>claims --unit</c>): a CSV folder or a JSON file unit by unit,
    /// keeping that unit alone, so memory does not hold the export; anything else, or one that cannot be read so, whole. The
    /// unit is null when it is not a valid unit of the export (the export's diagnostics say why).</summary>
    public static (Export Export, UnitRecord? Unit) ReadUnit(ExportInput input, ReadOptions options, string unitId)
    {
        if (input.Failure is { } failure)
        {
            return (failure, null);
        }

        UnitRecord? found = null;
        if (Streamed(input, options, u => found = u.UnitId == unitId ? u : found, out var failed) is { } export)
        {
            return (export, found);
        }

        var whole = Read(input, options, failed);
        return (whole, whole.Units.FirstOrDefault(u => u.UnitId == unitId));
    }

    /// <summary>A CSV folder or JSON file read unit by unit, each valid unit handed to <paramref name="onUnit"/>; null for
    /// anything else, and for an export that cannot be read so (then the units handed on are to be dropped, and the
    /// export read whole: <paramref name="failed"/> says why).</summary>
    private static Export? Streamed(ExportInput input, ReadOptions options, Action<UnitRecord> onUnit, out ExportNotStreamableException? failed)
    {
        failed = null;
        if (Streamable(input) is not { } source)
        {
            return null;
        }

        try
        {
            return Stream(source, options, onUnit) with { Source = input.Given };
        }
        catch (ExportNotStreamableException e)
        {
            failed = e;
            return null;
        }
    }

    /// <summary>What to do with a file that is not an export's form: another spreadsheet's file is saved as .xlsx, and
    /// one table's CSV file stands for the folder that holds it.</summary>
    private static string WhatToDo(string extension) => extension switch
    {
        ".xls" or ".xlsm" or ".xlsb" or ".ods" or ".et" or ".numbers" => "; 请另存为 .xlsx 工作簿 / save it as an .xlsx workbook",
        ".csv" => "; 请给出它所在的文件夹 / give the folder it is in",
        _ => "",
    };

    /// <summary>The size of the input: a file's, or a folder's CSV files' together; 0 for anything that has none (a
    /// pipe) or cannot be looked at (its read says what is wrong).</summary>
    public static long InputBytes(string? path)
    {
        var source = path ?? SamplePath;
        try
        {
            return File.Exists(source) ? new FileInfo(source).Length
                : Directory.Exists(source) ? new DirectoryInfo(source).EnumerateFiles("*.csv").Sum(f => f.Length)
                : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Reads the export whole, or gives the file error of a pipe that could not be copied. After a read unit by
    /// unit <paramref name="failed"/> because a JSON file's bytes are no text, that file error is all a whole read would
    /// give: it is found as the file streams (the whole read first read the file again unit by unit, keeping the units,
    /// then whole: 2.1 GB at 40,000 units).</summary>
    public static Export Read(ExportInput input, ReadOptions options, ExportNotStreamableException? failed = null) =>
        input.Failure ?? (failed is { NoText: true } ? JsonExport.ReadNoText(input.Path, options) : Read(input.Path, options)) with { Source = input.Given };

    private static Export Read(string source, ReadOptions options)
    {
        if (File.Exists(source))
        {
            return System.IO.Path.GetExtension(source).ToLowerInvariant() switch
            {
                ".json" => JsonExport.Read(source, options),
                ".xlsx" => XlsxExport.Read(source, options),
                var ext => throw new UsageException($"{source}: 请给出 CSV 文件夹、.json 或 .xlsx 文件 / give a folder of CSV files, a .json or an .xlsx file (not {ext}){WhatToDo(ext)}"),
            };
        }

        if (!Directory.Exists(source))
        {
            // An option the command does not have arrives here as the path.
            throw new UsageException(source.StartsWith('-')
                ? $"{source}: 不是该命令的选项，也不是文件或文件夹 / not an option of this command, nor a file or folder (assess --help)"
                : $"{source}: 文件或文件夹不存在 / no such file or folder");
        }

        return CsvExport.Read(source, options);
    }
}
