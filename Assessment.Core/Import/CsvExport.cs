using Assessment.Core.Diagnostics;
using Assessment.Core.Model;

namespace Assessment.Core.Import;

/// <summary>Reads an export given as a folder of CSV files, one per table.</summary>
public static class CsvExport
{
    /// <summary>Reads every table of the folder and checks it; never throws for bad content.</summary>
    /// <param name="folder">The export folder; only units.csv is required.</param>
    /// <param name="options">Encoding, strictness and waiver checks; null for the defaults.</param>
    /// <returns>The export, with every diagnostic located by file, line, column and unit.</returns>
    /// <remarks>The files are loaded (read, checked for their encoding, their header mapped) one after another on a
    /// thread of their own, while the tables already loaded are mapped: the first rows are typed while the largest
    /// files are still being read. A file error in any table still stops every unit, as if it had been found first.</remarks>
    public static Export Read(string folder, ReadOptions? options = null) => ReadTables(folder, options, null);

    /// <summary>Reads the export unit by unit, so that memory does not grow with the units: each valid unit is handed to
    /// <paramref name="onUnit"/>, in the order of units.csv, as soon as every table has moved past its rows, and is
    /// then dropped. This needs every table's rows in the order of units.csv (a unit's rows together), as exports list
    /// them; the rows of a unit need not be in any order among themselves.</summary>
    /// <param name="folder">The export folder; only units.csv is required.</param>
    /// <param name="options">Encoding, strictness and waiver checks; null for the defaults.</param>
    /// <param name="onUnit">Called on the calling thread for each valid unit, in order; the next unit is handed on only
    /// once it returns (the tables are read a few thousand rows ahead meanwhile).</param>
    /// <param name="onUnitsListed">Called once units.csv is read, with the number of units it lists (for progress; 0
    /// when it cannot be read).</param>
    /// <returns>The export as <see cref="Read(string, ReadOptions?)"/> returns it, with the same diagnostics and invalid
    /// units, but with <see cref="Export.Units"/> empty: the valid units' ids are in <see cref="Export.StreamedUnitIds"/>.</returns>
    /// <exception cref="ExportNotStreamableException">The export cannot be read unit by unit: a table has a row of a unit
    /// after rows of a later unit, or a file error was found while the rows were read (too many rows in a table). The
    /// units handed on must be discarded; <see cref="Read(string, ReadOptions?)"/> reads such an export whole.</exception>
    public static Export Stream(string folder, ReadOptions? options, Action<UnitRecord> onUnit, Action<int>? onUnitsListed = null)
    {
        ArgumentNullException.ThrowIfNull(onUnit);
        var export = ReadTables(folder, options, onUnit, onUnitsListed);

        // A file error found before any unit was handed on leaves no unit to hand on; say so the same way.
        return export.StreamedUnitIds is null ? export with { StreamedUnitIds = [] } : export;
    }

    private static Export ReadTables(string folder, ReadOptions? options, Action<UnitRecord>? stream, Action<int>? listed = null)
    {
        options ??= ReadOptions.Default;
        if (!Directory.Exists(folder))
        {
            listed?.Invoke(0);
            var diagnostics = new List<Diagnostic> { new(Severity.FileError, folder, 0, null, null, Messages.FileUnreadable, ["not a folder"]) };
            return ExportAssembler.Assemble(folder, new Dictionary<string, RawTable>(), diagnostics, options);
        }

        var files = Directory.GetFiles(folder);
        var schemas = Tables.All.ToArray();
        var loaded = schemas.Select(_ => new List<Diagnostic>()).ToArray();

        // A CSV file that is no table (attendence.csv, a typo) would otherwise leave its table silently empty.
        foreach (var unknown in files.Where(f => IsCsv(f) && !schemas.Any(s => IsFileOf(s, f))).Order(StringComparer.Ordinal))
        {
            loaded[0].Add(new(Severity.Warning, Path.GetFileName(unknown), 0, null, null, Messages.UnknownFile,
                [string.Join(", ", schemas.Select(s => s.FileName))]));
        }

        var tables = schemas.Select(_ => new TaskCompletionSource<RawTable>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        // Where each table puts the problems found while it is mapped: read whole, the tables are mapped one after
        // another into one list; streamed, side by side, each into its own. Streamed, each table is mapped on a thread
        // of its own (CsvHelper's parallel enumeration of eight tables at once would starve the thread pool).
        var shared = new List<Diagnostic>();
        var mapping = schemas.Select(_ => stream is null ? shared : []).ToArray();
        if (stream is not null)
        {
            options = options with { ParallelFromBytes = int.MaxValue };
        }

        var loader = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < schemas.Length; i++)
            {
                try
                {
                    options.Cancellation.ThrowIfCancellationRequested();
                    tables[i].SetResult(Load(schemas[i], files, options, loaded[i], mapping[i]));
                }
                catch (Exception e)
                {
                    // Whoever waits for this table or a later one gets the exception, as if it had been thrown there.
                    foreach (var rest in tables.Skip(i))
                    {
                        _ = e is OperationCanceledException ? rest.TrySetCanceled(options.Cancellation) : rest.TrySetException(e);
                    }

                    return;
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // A table waited for. Once a file has a file error, every unit is stopped whatever the rows say: the tables
        // after it are only loaded (for their own file-level problems), not mapped. Mapping them would only make
        // diagnostics to drop: with units.csv unusable, one "unknown unit" per row of every other table.
        RawTable Table(TableSchema schema)
        {
            var i = Array.IndexOf(schemas, schema);
            var table = tables[i].Task.GetAwaiter().GetResult();
            return loaded.Take(i + 1).Any(d => d.Any(x => x.Severity == Severity.FileError)) ? RawTable.Missing(schema, schema.FileName) : table;
        }

        IReadOnlyList<Diagnostic> Loaded()
        {
            loader.GetAwaiter().GetResult();
            return [.. loaded.SelectMany(d => d)];
        }

        return stream is null
            ? ExportAssembler.Assemble(folder, Table, Loaded, shared, options)
            : ExportAssembler.Stream(folder, Table, Loaded, mapping, options, stream, listed);
    }

    private static bool IsCsv(string file) => Path.GetExtension(file).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="file"/> is named as the table's file: its English name in any case, or its
    /// Chinese name (单位.csv).</summary>
    private static bool IsFileOf(TableSchema schema, string file) =>
        Path.GetFileNameWithoutExtension(file).Equals(schema.Name, StringComparison.OrdinalIgnoreCase) || Path.GetFileNameWithoutExtension(file) == schema.Zh;

    /// <summary>Finds and loads one table's file; a missing or unreadable one is an empty table and a diagnostic.</summary>
    private static RawTable Load(TableSchema schema, string[] files, ReadOptions options, List<Diagnostic> diagnostics, List<Diagnostic> mapping)
    {
        var candidates = files.Where(f => IsCsv(f) && IsFileOf(schema, f)).Order(StringComparer.Ordinal).ToArray();
        if (candidates.Length > 1)
        {
            diagnostics.Add(new(Severity.FileError, schema.FileName, 0, null, null, Messages.TableTwice,
                [schema.Name, Path.GetFileName(candidates[0]), Path.GetFileName(candidates[1])]));
            return RawTable.Missing(schema, schema.FileName);
        }

        if (candidates.Length == 0)
        {
            if (schema == Tables.Units)
            {
                diagnostics.Add(new(Severity.FileError, schema.FileName, 0, null, null, Messages.MissingTable, [schema.FileName]));
            }

            return RawTable.Missing(schema, schema.FileName);
        }

        var table = CsvTableReader.Read(schema, candidates[0], options, diagnostics, mapping);
        if (schema == Tables.Units && !table.Present && !diagnostics.Any(d => d.Severity == Severity.FileError))
        {
            diagnostics.Add(new(Severity.FileError, table.File, 0, null, null, Messages.MissingTable, [schema.FileName]));
        }

        return table;
    }
}
