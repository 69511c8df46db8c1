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
    public static Export Read(string folder, ReadOptions? options = null)
    {
        options ??= ReadOptions.Default;
        var diagnostics = new List<Diagnostic>();
        var tables = new Dictionary<string, RawTable>();
        if (!Directory.Exists(folder))
        {
            diagnostics.Add(new(Severity.FileError, folder, 0, null, null, Messages.FileUnreadable, ["not a folder"]));
            return ExportAssembler.Assemble(folder, tables, diagnostics, options);
        }

        var files = Directory.GetFiles(folder);
        foreach (var schema in Tables.All)
        {
            var candidates = files.Where(f => Path.GetExtension(f).Equals(".csv", StringComparison.OrdinalIgnoreCase)
                    && (Path.GetFileNameWithoutExtension(f).Equals(schema.Name, StringComparison.OrdinalIgnoreCase)
                        || Path.GetFileNameWithoutExtension(f) == schema.Zh))
                .Order(StringComparer.Ordinal).ToArray();
            if (candidates.Length > 1)
            {
                diagnostics.Add(new(Severity.FileError, schema.FileName, 0, null, null, Messages.TableTwice,
                    [schema.Name, Path.GetFileName(candidates[0]), Path.GetFileName(candidates[1])]));
                continue;
            }

            if (candidates.Length == 0)
            {
                if (schema == Tables.Units)
                {
                    diagnostics.Add(new(Severity.FileError, schema.FileName, 0, null, null, Messages.MissingTable, [schema.FileName]));
                }

                continue;
            }

            var table = CsvTableReader.Read(schema, candidates[0], options, diagnostics);
            if (schema == Tables.Units && !table.Present && !diagnostics.Any(d => d.Severity == Severity.FileError))
            {
                diagnostics.Add(new(Severity.FileError, table.File, 0, null, null, Messages.MissingTable, [schema.FileName]));
            }

            tables[schema.Name] = table;
        }

        return ExportAssembler.Assemble(folder, tables, diagnostics, options);
    }
}
