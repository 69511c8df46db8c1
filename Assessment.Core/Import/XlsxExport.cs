using System.Globalization;
using Assessment.Core.Diagnostics;
using Assessment.Core.Model;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Assessment.Core.Import;

/// <summary>Reads an export given as an Excel workbook: one sheet per table, named by the English or Chinese table
/// name (units / 单位, members / 成员, …), the first non-empty row holding the headers as in CSV. Dates may be real
/// Excel dates or text. Read with the Open XML SDK: nothing that needs System.Drawing or libgdiplus.</summary>
public static class XlsxExport
{
    /// <summary>Doubles below this in size convert to a decimal (decimal.MaxValue is 7.92e28; a double at it would round
    /// above it and overflow).</summary>
    private const double DecimalRange = 7.9e28;

    /// <summary>Reads and checks a workbook; never throws for bad content.</summary>
    public static Export Read(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Default;
        var file = Path.GetFileName(path);
        var diagnostics = new List<Diagnostic>();
        var tables = new Dictionary<string, RawTable>();
        var sheetOf = new Dictionary<string, string>();
        var letters = new Dictionary<string, Dictionary<string, string>>();
        string? Locate(RowSource s, string? column) =>
            s.Anchor is null ? null
            : column is not null && letters.TryGetValue(s.Anchor, out var map) && map.TryGetValue(column, out var letter)
                ? $"{s.Anchor}!{letter}{s.Line}"
                : $"{s.Anchor}!{s.Line}";

        try
        {
            if (InputFile.KindOf(path) != InputFile.Kind.Regular)
            {
                // A workbook is a zip archive, read by seeking: never a pipe or a device.
                diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.NotRegularFile, []));
                return ExportAssembler.Assemble(path, tables, diagnostics, options);
            }

            if (new FileInfo(path).Length is var length && length > options.Limits.MaxFileBytes)
            {
                diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.FileTooLarge,
                    [length.ToString(CultureInfo.InvariantCulture), options.Limits.MaxFileBytes.ToString(CultureInfo.InvariantCulture)]));
                return ExportAssembler.Assemble(path, tables, diagnostics, options);
            }

            using var doc = SpreadsheetDocument.Open(path, false);
            var workbook = doc.WorkbookPart ?? throw new InvalidDataException("no workbook part");
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var dateStyles = DateStyles(workbook);
            foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
            {
                var name = sheet.Name?.Value ?? "";
                var schema = Tables.All.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase) || t.Zh == ValueParser.Fold(name));
                if (schema is null)
                {
                    diagnostics.Add(new(Severity.Warning, file, 0, null, null, Messages.UnknownSheet, [name], name));
                    continue;
                }

                if (tables.TryGetValue(schema.Name, out var other))
                {
                    diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.TableTwice, [schema.Name, sheetOf[schema.Name], name], name));
                    continue;
                }

                var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
                var table = ReadSheet(schema, file, name, part, strings, dateStyles, diagnostics, letters, Locate);
                if (table is not null)
                {
                    tables[schema.Name] = table;
                    sheetOf[schema.Name] = name;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or OpenXmlPackageException or FormatException
                                   or System.Xml.XmlException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.BadXlsx, [e.Message]));
        }

        if (!tables.ContainsKey(Tables.Units.Name) && !diagnostics.Any(d => d.Severity == Severity.FileError))
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.MissingTable, ["units / 单位"]));
        }

        return ExportAssembler.Assemble(path, tables, diagnostics, options);
    }

    private static RawTable? ReadSheet(TableSchema schema, string file, string sheetName, WorksheetPart part, string[] strings, HashSet<uint> dateStyles,
        List<Diagnostic> diagnostics, Dictionary<string, Dictionary<string, string>> letters, Func<RowSource, string?, string?> locate)
    {
        int[]? map = null;
        var records = new List<RawRecord>();
        foreach (var row in Rows(part))
        {
            var line = (int)(row.RowIndex?.Value ?? 0);
            var cells = new SortedDictionary<int, string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var col = ColumnIndex(cell.CellReference?.Value) ?? cells.Count + 1;
                var text = ValueParser.Fold(CellText(cell, strings, dateStyles));
                if (text.Length > 0)
                {
                    cells[col] = text;
                }
            }

            if (cells.Count == 0)
            {
                continue;
            }

            if (map is null)
            {
                var width = cells.Keys.Max();
                var headers = Enumerable.Range(1, width).Select(c => cells.GetValueOrDefault(c, "")).ToArray();
                map = CsvTableReader.MapHeaders(schema, file, headers, diagnostics, line, c => $"{sheetName}!{ColumnLetter(c + 1)}{line}");
                if (map is null)
                {
                    return null;
                }

                letters[sheetName] = Enumerable.Range(0, map.Length).Where(i => map[i] >= 0)
                    .ToDictionary(i => schema.Columns[map[i]].Name, i => ColumnLetter(i + 1));
                continue;
            }

            var values = new string[schema.Columns.Count];
            Array.Fill(values, "");
            foreach (var (col, text) in cells)
            {
                if (col - 1 < map.Length && map[col - 1] >= 0)
                {
                    values[map[col - 1]] = text;
                }
            }

            records.Add(new RawRecord(line, values, Anchor: sheetName));
        }

        return map is null ? null : RawTable.Of(schema, file, records, true, locate);
    }

    /// <summary>A sheet's rows one at a time, each loaded as it is reached: the whole sheet's tree of elements would
    /// take gigabytes for a province's attendance.</summary>
    private static IEnumerable<Row> Rows(WorksheetPart part)
    {
        using var reader = OpenXmlReader.Create(part);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(Row))
            {
                yield return (Row)reader.LoadCurrentElement()!; // moves past the row
            }
            else
            {
                reader.Read();
            }
        }
    }

    private static string CellText(Cell cell, string[] strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Length ? strings[i] : "";
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if (cell.DataType is null || cell.DataType.Value == CellValues.Number)
        {
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return raw;
            }

            if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) && number is >= 1 and < 2958466)
            {
                return ValueParser.Format(DateOnly.FromDateTime(DateTime.FromOADate(number)));
            }

            // Excel writes some numbers in exponent form (1.2E-3); the reader's spellings have no exponent. One beyond a
            // decimal (1E+30) is no value of the export: left as written, for the column's own check to refuse.
            return raw.Contains('E', StringComparison.OrdinalIgnoreCase) && Math.Abs(number) < DecimalRange
                ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
                : raw;
        }

        return raw; // booleans (1/0), formula strings, errors (#N/A) as written
    }

    /// <summary>The cell styles whose number format shows a date: the built-in date formats and custom ones with y or d.</summary>
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        var result = new HashSet<uint>();
        if (styles?.CellFormats is null)
        {
            return result;
        }

        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint index = 0;
        foreach (var format in styles.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58
                || (custom.TryGetValue(id, out var code) && IsDateCode(code)))
            {
                result.Add(index);
            }

            index++;
        }

        return result;
    }

    private static bool IsDateCode(string code)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.", "");
        return plain.Contains('y', StringComparison.OrdinalIgnoreCase) || plain.Contains('d', StringComparison.OrdinalIgnoreCase);
    }

    private static int? ColumnIndex(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        var n = 0;
        foreach (var ch in reference.TakeWhile(char.IsAsciiLetter))
        {
            n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return n == 0 ? null : n;
    }

    /// <summary>The letters of a 1-based column number: 1 → A, 27 → AA.</summary>
    public static string ColumnLetter(int column)
    {
        var s = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            s = (char)('A' + (n - 1) % 26) + s;
        }

        return s;
    }
}
