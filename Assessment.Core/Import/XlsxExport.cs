using System.Globalization;
using Assessment.Core.Diagnostics;
using Assessment.Core.Model;
using System.Xml;
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
        var sheetOf = new Dictionary<string, string>();
        var letters = new Dictionary<string, Dictionary<string, string>>();
        string? Locate(RowSource s, string? column) =>
            s.Anchor is null ? null
            : column is not null && letters.TryGetValue(s.Anchor, out var map) && map.TryGetValue(column, out var letter)
                ? $"{s.Anchor}!{letter}{s.Line}"
                : $"{s.Anchor}!{s.Line}";

        // Each record is typed into its unit as its row is read, so the rows are held typed, not as text as well. A
        // unit's rows need its unit first: the records of a sheet before the units sheet wait for it.
        var rows = new ExportAssembler.Nested(file, Locate, options);
        List<(TableSchema Table, RawRecord Record)>? waiting = [];
        void Add(TableSchema table, RawRecord record)
        {
            if (waiting is null || table == Tables.Units)
            {
                rows.Add(table, record);
            }
            else
            {
                waiting.Add((table, record));
            }
        }

        try
        {
            if (InputFile.KindOf(path) != InputFile.Kind.Regular)
            {
                // A workbook is a zip archive, read by seeking: never a pipe or a device.
                diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.NotRegularFile, []));
                return rows.Assemble(path, diagnostics);
            }

            if (InputFile.Length(path) is var length && length > options.Limits.MaxFileBytes) // a link: its target's size
            {
                diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.FileTooLarge,
                    [length.ToString(CultureInfo.InvariantCulture), options.Limits.MaxFileBytes.ToString(CultureInfo.InvariantCulture)]));
                return rows.Assemble(path, diagnostics);
            }

            using var doc = SpreadsheetDocument.Open(path, false);
            var workbook = doc.WorkbookPart ?? throw new InvalidDataException("no workbook part");
            var strings = SharedStrings(workbook, options.Limits.MaxFileBytes);
            var dateStyles = DateStyles(workbook);
            foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
            {
                var name = sheet.Name?.Value ?? "";
                var schema = Tables.All.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase) || t.Zh == ValueParser.Fold(name));
                if (schema is null)
                {
                    if (!IsNotes(name))
                    {
                        diagnostics.Add(new(Severity.Warning, file, 0, null, null, Messages.UnknownSheet, [name], name));
                    }

                    continue;
                }

                if (sheetOf.TryGetValue(schema.Name, out var first))
                {
                    diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.TableTwice, [schema.Name, first, name], name));
                    continue;
                }

                var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
                if (ReadSheet(schema, file, name, part, strings, dateStyles, diagnostics, letters, Add))
                {
                    sheetOf[schema.Name] = name;
                    if (schema == Tables.Units && waiting is not null)
                    {
                        foreach (var (table, record) in waiting)
                        {
                            rows.Add(table, record);
                        }

                        waiting = null;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or OpenXmlPackageException or FormatException
                                   or System.Xml.XmlException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.BadXlsx, [e.Message]));
        }

        if (!sheetOf.ContainsKey(Tables.Units.Name) && !diagnostics.Any(d => d.Severity == Severity.FileError))
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.MissingTable, ["units / 单位"]));
        }

        return rows.Assemble(path, diagnostics);
    }

    /// <summary>Reads a sheet: its headers, then each row's record, handed to <paramref name="add"/> as it is read.
    /// False when the sheet is not a table: empty, or its headers unusable (reported).</summary>
    private static bool ReadSheet(TableSchema schema, string file, string sheetName, WorksheetPart part, string[] strings, HashSet<uint> dateStyles,
        List<Diagnostic> diagnostics, Dictionary<string, Dictionary<string, string>> letters, Action<TableSchema, RawRecord> add)
    {
        int[]? map = null;
        var cells = new List<(int Column, string Text)>(); // a row's non-blank cells in document order, reused
        foreach (var (line, row) in Rows(part, sheetName))
        {
            cells.Clear();
            var last = 0;
            foreach (var cell in row)
            {
                // A cell with no reference is the one after the last (Excel writes references; some writers do not).
                var col = last = ColumnIndex(cell.Reference, sheetName) ?? last + 1;
                var text = ValueParser.Fold(CellText(cell, sheetName, strings, dateStyles));
                if (text.Length > 0)
                {
                    cells.Add((col, text));
                }
            }

            if (cells.Count == 0)
            {
                continue;
            }

            if (map is null)
            {
                var headers = new string[cells.Max(c => c.Column)];
                Array.Fill(headers, "");
                foreach (var (col, text) in cells)
                {
                    headers[col - 1] = text; // a column given twice: the last one, as for a row's values
                }

                map = CsvTableReader.MapHeaders(schema, file, headers, diagnostics, line, c => $"{sheetName}!{ColumnLetter(c + 1)}{line}");
                if (map is null)
                {
                    return false;
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

            add(schema, new RawRecord(line, values, Anchor: sheetName));
        }

        return map is not null;
    }

    /// <summary>A cell as the sheet's XML gives it: its reference (B7), type (s, inlineStr, n, b, str, e, d), style,
    /// value and, for an inline string, its text.</summary>
    private readonly record struct SheetCell(string? Reference, string? Type, string? Style, string Value, string? Inline);

    private static readonly string[] SpreadsheetNamespaces = ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"];

    /// <summary>A sheet's rows one at a time, read from its XML as it streams by: the whole sheet as a tree of the SDK's
    /// elements would take gigabytes for a province's attendance, and building each row's elements took most of the
    /// read's time. The list of cells is reused for the next row. A row with no number (some writers leave <c>r</c>
    /// out) is the one after the row before it. More rows than a sheet holds refuse the workbook: a few megabytes of
    /// zip can unpack to hundreds of millions of rows, which would otherwise be read until memory ran out.</summary>
    private static IEnumerable<(int Line, List<SheetCell> Cells)> Rows(WorksheetPart part, string sheet)
    {
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var xml = XmlReader.Create(stream, XmlSettings);
        var cells = new List<SheetCell>();
        var (count, last) = (0, 0);
        while (xml.Read())
        {
            if (!IsElement(xml, "row"))
            {
                continue;
            }

            if (++count > MaxRows)
            {
                throw new InvalidDataException($"sheet {sheet} has more than {MaxRows.ToString(CultureInfo.InvariantCulture)} rows, more than a sheet holds");
            }

            var number = xml.GetAttribute("r");
            var line = last = number is null ? last + 1 : uint.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? (int)Math.Min(n, MaxRows + 1L)
                : throw new FormatException($"'{number}' is not a row number");
            if (line > MaxRows)
            {
                throw new InvalidDataException($"row {number ?? line.ToString(CultureInfo.InvariantCulture)} of sheet {sheet} is beyond a sheet's last row, {MaxRows.ToString(CultureInfo.InvariantCulture)}");
            }

            cells.Clear();
            if (!xml.IsEmptyElement)
            {
                var depth = xml.Depth;
                while (xml.Read() && xml.Depth > depth)
                {
                    if (xml.Depth == depth + 1 && IsElement(xml, "c"))
                    {
                        cells.Add(Cell(xml, sheet));
                    }
                }
            }

            yield return (line, cells);
        }
    }

    private static readonly XmlReaderSettings XmlSettings = new() { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreProcessingInstructions = true };

    /// <summary>The workbook's shared strings (the text Excel saves once and cells name by index), read from their XML
    /// as it streams by, as the sheets are.</summary>
    /// <remarks>Their text is limited as a file is (<paramref name="maxChars"/>, the file-size limit): a small zip can
    /// unpack to far more text than it holds, and the strings are kept until the last sheet is read.</remarks>
    private static string[] SharedStrings(WorkbookPart workbook, long maxChars)
    {
        if (workbook.SharedStringTablePart is not { } part)
        {
            return [];
        }

        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var xml = XmlReader.Create(stream, XmlSettings);
        var strings = new List<string>();
        var total = 0L;
        xml.Read();
        while (!xml.EOF)
        {
            if (IsElement(xml, "si"))
            {
                var text = InlineText(xml); // on the node after </si>
                if ((total += text.Length) > maxChars)
                {
                    throw new InvalidDataException($"the shared strings unpack to more than {maxChars.ToString(CultureInfo.InvariantCulture)} characters, the limit of a file's size");
                }

                strings.Add(text);
            }
            else
            {
                xml.Read();
            }
        }

        return [.. strings];
    }

    private static bool IsElement(XmlReader xml, string name) =>
        xml.NodeType == XmlNodeType.Element && xml.LocalName == name && Array.IndexOf(SpreadsheetNamespaces, xml.NamespaceURI) >= 0;

    /// <summary>Reads a &lt;c&gt; element, leaving the reader on its end.</summary>
    private static SheetCell Cell(XmlReader xml, string sheet)
    {
        var (reference, type, style) = (xml.GetAttribute("r"), xml.GetAttribute("t"), xml.GetAttribute("s"));
        if (type is not (null or "b" or "d" or "e" or "inlineStr" or "n" or "s" or "str"))
        {
            // Not a workbook Excel wrote: refused whole, as the SDK refuses such a cell.
            throw new InvalidDataException($"the cell type \"{type}\" of cell {sheet}!{reference} is not one of Excel's (b, d, e, inlineStr, n, s, str)");
        }

        string value = "";
        string? inline = null;
        if (!xml.IsEmptyElement)
        {
            var depth = xml.Depth;
            xml.Read();
            while (xml.Depth > depth)
            {
                if (xml.Depth == depth + 1 && IsElement(xml, "v"))
                {
                    value = xml.ReadElementContentAsString(); // on the node after </v>
                }
                else if (xml.Depth == depth + 1 && IsElement(xml, "is"))
                {
                    inline = InlineText(xml);
                }
                else
                {
                    xml.Read();
                }
            }
        }

        return new SheetCell(reference, type, style, value, inline);
    }

    /// <summary>The text of an inline string (&lt;is&gt;) or a shared one (&lt;si&gt;): every &lt;t&gt; in it, runs and phonetic
    /// runs included (as the SDK's InnerText gives it); leaves the reader on the node after the element.</summary>
    private static string InlineText(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return "";
        }

        // Almost always one <t>: its string is the text, with no builder to copy it through. Runs join the rest.
        var depth = xml.Depth;
        string? first = null;
        System.Text.StringBuilder? more = null;
        xml.Read();
        while (xml.Depth > depth)
        {
            if (IsElement(xml, "t"))
            {
                var t = xml.ReadElementContentAsString();
                if (first is null)
                {
                    first = t;
                }
                else
                {
                    (more ??= new System.Text.StringBuilder(first)).Append(t);
                }
            }
            else
            {
                xml.Read();
            }
        }

        xml.Read();
        return more?.ToString() ?? first ?? "";
    }

    /// <summary>The notes sheet <c>assess template</c> writes after the tables ("说明", or "README" in English), which
    /// explains the columns: skipped without a warning, as a CSV folder's README.md is.</summary>
    internal static bool IsNotes(string sheet) =>
        sheet.Trim() is var name && (name == "说明" || name.Equals("README", StringComparison.OrdinalIgnoreCase));

    private static string CellText(SheetCell cell, string sheet, string[] strings, HashSet<uint> dateStyles)
    {
        var raw = cell.Value;
        if (cell.Type == "s")
        {
            // No index is a blank cell; an index the workbook does not have is a damaged workbook, not a blank value:
            // refused whole, naming the cell.
            return raw.Length == 0 ? ""
                : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Length ? strings[i]
                : throw new InvalidDataException($"cell {sheet}!{cell.Reference} names shared string \"{raw}\", but the workbook has {strings.Length}");
        }

        if (cell.Type == "inlineStr")
        {
            return cell.Inline ?? "";
        }

        if (cell.Type is null or "n")
        {
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return raw;
            }

            if (uint.TryParse(cell.Style, NumberStyles.None, CultureInfo.InvariantCulture, out var style) && dateStyles.Contains(style) && number is >= 1 and < 2958466)
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

    /// <summary>Excel's last row and column (XFD): a reference beyond them is no workbook Excel wrote. Without the
    /// limit, a header cell at ZZZZZZ1 made the reader allocate a row of 321 million columns (51 s, 3.8 GB), and one at
    /// AAAAAAAAA1 overflowed into a negative column (an internal error).</summary>
    internal const int MaxRows = 1_048_576, MaxColumns = 16_384;

    /// <summary>The 1-based column of a cell reference (B7 → 2); null when it has no letters.</summary>
    private static int? ColumnIndex(string? reference, string sheet)
    {
        if (reference is null)
        {
            return null;
        }

        var n = 0;
        for (var i = 0; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            n = n * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (n > MaxColumns)
            {
                throw new InvalidDataException($"cell {sheet}!{reference} is beyond a sheet's last column, XFD");
            }
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
