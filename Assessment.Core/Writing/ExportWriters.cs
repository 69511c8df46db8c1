using System.Globalization;
using System.IO.Compression;
using System.Text;
using XmlWriter = System.Xml.XmlWriter;
using XmlWriterSettings = System.Xml.XmlWriterSettings;
using XmlConvert = System.Xml.XmlConvert;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Tables = Assessment.Core.Import.Tables;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Core.Writing;

/// <summary>Writes a valid export in any of the three forms: a folder of CSV files, one JSON file, one XLSX workbook.
/// Each writer writes every column of every table, so reading the result gives the same rows. A write that fails (a
/// full disk, or a file grown past the largest size the file system or the process's file-size limit allows) is an
/// <see cref="IOException"/>, and may leave a partial file: write to a temporary name and rename it on success.</summary>
public static class ExportWriters
{
    /// <summary>A folder of CSV files (UTF-8 with BOM, English headers), one per table; empty tables are written too.</summary>
    public static void WriteCsv(Export export, string folder) => Write(new CsvUnitWriter(folder), export);

    /// <summary>Writes the export's units one at a time through <paramref name="writer"/>, and completes it.</summary>
    private static void Write(IUnitWriter writer, Export export)
    {
        using (writer)
        {
            foreach (var unit in export.Units)
            {
                writer.Add(unit);
            }

            writer.Complete();
        }
    }

    /// <summary>One JSON file: directives and waivers, then units with their rows nested; camelCase names,
    /// JSON numbers, booleans and arrays where they fit, English vocabulary codes.</summary>
    /// <remarks>The units are written a unit at a time to a file of their own beside <paramref name="path"/> (named
    /// <c>path.units</c>, and on Linux and macOS without a name from the moment it is made), then copied after the
    /// directives and waivers: the disk holds the units twice for a moment.</remarks>
    public static void WriteJson(Export export, string path) => Write(new JsonUnitWriter(path), export);

    /// <summary>A column's canonical text as the JSON value it is written as.</summary>
    internal static JToken Typed(string column, string value) => column switch
    {
        "year" or "agenda_meetings" or "duration_minutes" => int.Parse(value, CultureInfo.InvariantCulture),
        "platform_active_rate" => decimal.Parse(value, CultureInfo.InvariantCulture),
        "role" or "content_tags" or "directive_ids" => new JArray(ValueParser.List(value)),
        _ when BooleanColumns.Contains(column) => value == "是",
        _ => value,
    };

    private static readonly HashSet<string> BooleanColumns =
    [
        "has_subordinate_groups", "in_party_building_resp", "in_ideology_resp", "self_study_plan", "study_notes", "materials_issued",
        "secretary_remarks", "sign_in", "has_record", "briefing", "leave_approved", "written", "adopted", "has_topics", "has_schedule",
    ];

    /// <summary>The most rows a sheet holds (Excel's limit), the header's included: the limit the reader holds a
    /// workbook to.</summary>
    public const int MaxXlsxRows = XlsxExport.MaxRows;

    /// <summary>One XLSX workbook: a sheet per table named in Chinese, Chinese headers, every cell text.</summary>
    /// <exception cref="ArgumentException">The export cannot be a workbook: a table has more rows than a sheet holds
    /// (<see cref="MaxXlsxRows"/>, the header's included: 1,048,575 attendance rows are about 12,500 units of 84
    /// attendance rows each), or a value has a character XML cannot hold (U+0001, say); nothing is written.</exception>
    public static void WriteXlsx(Export export, string path) => WriteXlsx(export, path, MaxXlsxRows);

    internal static void WriteXlsx(Export export, string path, int maxRows)
    {
        var rows = CanonicalRows.Of(export);
        if (Unwritable(rows, maxRows) is { } why)
        {
#pragma warning disable CA2208 // the message is shown to users as it is; the export argument is the whole of it
            throw new ArgumentException(why);
#pragma warning restore CA2208
        }

        WriteWorkbook(path, [.. rows.Select(t => new SheetSpec(t.Key.Zh, [.. t.Key.Columns.Select(c => c.Zh)], t.Value, []))]);
    }

    /// <summary>An empty workbook to fill in, for <c>assess template</c>: a sheet per table with its headers (English
    /// sheet names and headers with <paramref name="english"/>), the columns <paramref name="isText"/> picks formatted
    /// as text so that a spreadsheet keeps what is typed there as it is ("007" stays 007, "3/4" is no date), and a last
    /// sheet of notes named <paramref name="notesSheet"/> (its first row the header), which the reader skips.</summary>
    internal static void WriteXlsxTemplate(string path, bool english, Func<ColumnSchema, bool> isText, string notesSheet, IReadOnlyList<string[]> notes) =>
        WriteWorkbook(path,
        [
            .. Tables.All.Select(t => new SheetSpec(english ? t.Name : t.Zh, [.. t.Columns.Select(c => english ? c.Name : c.Zh)], [],
                [.. t.Columns.Select((c, i) => (c, i)).Where(x => isText(x.c)).Select(x => x.i)])),
            new SheetSpec(notesSheet, notes[0], notes.Skip(1), [])
            {
                Widths = [.. notes[0].Select((_, c) => Math.Min(80, notes.Where(r => r.Length > 1).Max(r => Width(r[c]))))], // the closing line runs on
            },
        ]);

    /// <summary>One sheet to write: its name, header row, rows of text, and the columns formatted as text. Its columns
    /// are as wide as their headers unless <see cref="Widths"/> says otherwise.</summary>
    private sealed record SheetSpec(string Name, string[] Header, IEnumerable<string[]> Rows, IReadOnlyList<int> TextColumns)
    {
        public IReadOnlyList<int>? Widths { get; init; }
    }

    /// <summary>A column width that shows the text: a full-width (CJK) character takes two of Excel's width units.</summary>
    private static int Width(string text) => text.Sum(ch => ch >= '\u2E80' ? 2 : 1) + 2;

    private static void WriteWorkbook(string path, IReadOnlyList<SheetSpec> sheets)
    {
        // Written as a zip of its parts, each part as it is made, straight to the file. The SDK's package held every
        // part uncompressed in memory until it was saved (System.IO.Packaging opens a new package in update mode):
        // 1.86 GB for 12,000 units.
        using var file = OutputStream.Create(path);
        using var buffered = new BufferedStream(file, 1 << 16);
        using (var zip = new ZipArchive(buffered, ZipArchiveMode.Create, leaveOpen: true))
        {
            WritePackage(zip, sheets);
        }

        buffered.Flush();
    }

    /// <summary>Why the rows cannot be a workbook, checked before anything is written: a table over a sheet's rows, or
    /// a value with a character XML cannot hold (a control character such as U+0001; tab and line breaks are fine).
    /// Null when they can.</summary>
    private static string? Unwritable(IReadOnlyDictionary<TableSchema, IEnumerable<string[]>> rows, int maxRows)
    {
        foreach (var (table, tableRows) in rows)
        {
            if (tableRows.Count() is var count && count + 1 > maxRows)
            {
                return $"table {table.Name} has {count.ToString("N0", CultureInfo.InvariantCulture)} rows, more than an XLSX sheet holds ({(maxRows - 1).ToString("N0", CultureInfo.InvariantCulture)} after the header)";
            }

            var r = -1;
            foreach (var row in tableRows)
            {
                r++;
                for (var c = 0; c < row.Length; c++)
                {
                    var value = row[c];
                    for (var i = 0; i < value.Length; i++)
                    {
                        if (XmlConvert.IsXmlChar(value[i]))
                        {
                            continue;
                        }

                        if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
                        {
                            i++;
                            continue;
                        }

                        return $"{table.Zh}!{Import.XlsxExport.ColumnLetter(c + 1)}{(r + 2).ToString(CultureInfo.InvariantCulture)} ({table.Columns[c].Name}): "
                            + $"the character U+{(int)value[i]:X4} cannot be stored in an XLSX cell";
                    }
                }
            }
        }

        return null;
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Cell style indexes of the styles part: the default, text ("@"), and bold for the header row.</summary>
    private const int TextStyle = 1, HeaderStyle = 2;

    /// <summary>The parts of a workbook (every cell inline text): the content types, the package's relationship to the
    /// workbook, the workbook and its relationships to the styles and the sheets, the styles, and the sheets, each written
    /// a row at a time with its header row bold and frozen and its columns as wide as their headers.</summary>
    private static void WritePackage(ZipArchive zip, IReadOnlyList<SheetSpec> sheets)
    {
        string Sheet(int i) => $"sheet{(i + 1).ToString(CultureInfo.InvariantCulture)}";
        string Id(int i) => $"rId{(i + 1).ToString(CultureInfo.InvariantCulture)}";
        var stylesId = Id(sheets.Count);

        Part(zip, "[Content_Types].xml", x =>
        {
            x.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            Element(x, "Default", ("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml"));
            Element(x, "Default", ("Extension", "xml"), ("ContentType", "application/xml"));
            Element(x, "Override", ("PartName", "/xl/workbook.xml"), ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"));
            Element(x, "Override", ("PartName", "/xl/styles.xml"), ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"));
            for (var i = 0; i < sheets.Count; i++)
            {
                Element(x, "Override", ("PartName", $"/xl/worksheets/{Sheet(i)}.xml"), ("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));
            }

            x.WriteEndElement();
        });
        Part(zip, "_rels/.rels", x =>
        {
            x.WriteStartElement("Relationships", Relationships);
            Element(x, "Relationship", ("Id", "rId1"), ("Type", OfficeRelationships + "/officeDocument"), ("Target", "xl/workbook.xml"));
            x.WriteEndElement();
        });
        Part(zip, "xl/workbook.xml", x =>
        {
            x.WriteStartElement("workbook", Main);
            x.WriteAttributeString("xmlns", "r", null, OfficeRelationships);
            x.WriteStartElement("sheets", Main);
            for (var i = 0; i < sheets.Count; i++)
            {
                x.WriteStartElement("sheet", Main);
                x.WriteAttributeString("name", sheets[i].Name);
                x.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                x.WriteAttributeString("id", OfficeRelationships, Id(i));
                x.WriteEndElement();
            }

            x.WriteEndElement();
            x.WriteEndElement();
        });
        Part(zip, "xl/_rels/workbook.xml.rels", x =>
        {
            x.WriteStartElement("Relationships", Relationships);
            for (var i = 0; i < sheets.Count; i++)
            {
                Element(x, "Relationship", ("Id", Id(i)), ("Type", OfficeRelationships + "/worksheet"), ("Target", $"worksheets/{Sheet(i)}.xml"));
            }

            Element(x, "Relationship", ("Id", stylesId), ("Type", OfficeRelationships + "/styles"), ("Target", "styles.xml"));
            x.WriteEndElement();
        });
        Part(zip, "xl/styles.xml", Styles);
        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            Part(zip, $"xl/worksheets/{Sheet(i)}.xml", x =>
            {
                x.WriteStartElement("worksheet", Main);
                x.WriteStartElement("sheetViews", Main);
                x.WriteStartElement("sheetView", Main);
                x.WriteAttributeString("workbookViewId", "0");
                Element(x, "pane", ("ySplit", "1"), ("topLeftCell", "A2"), ("activePane", "bottomLeft"), ("state", "frozen"));
                x.WriteEndElement();
                x.WriteEndElement();
                x.WriteStartElement("cols", Main);
                for (var c = 0; c < sheet.Header.Length; c++)
                {
                    var n = (c + 1).ToString(CultureInfo.InvariantCulture);
                    var width = (sheet.Widths?[c] ?? Math.Max(10, Width(sheet.Header[c]) + 2)).ToString(CultureInfo.InvariantCulture);
                    Element(x, "col", [("min", n), ("max", n), ("width", width), ("customWidth", "1"),
                        .. sheet.TextColumns.Contains(c) ? [("style", TextStyle.ToString(CultureInfo.InvariantCulture))] : Array.Empty<(string, string)>()]);
                }

                x.WriteEndElement();
                x.WriteStartElement("sheetData", Main);
                Row(x, 1, sheet.Header, HeaderStyle);
                var r = 2u;
                foreach (var row in sheet.Rows)
                {
                    Row(x, r++, row, null);
                }

                x.WriteEndElement();
                x.WriteEndElement();
            });
        }
    }

    /// <summary>The styles part: two fonts (regular, bold), the fills and border every workbook has, and three cell
    /// formats: the default, text (number format 49, "@"), and bold.</summary>
    private static void Styles(XmlWriter x)
    {
        x.WriteStartElement("styleSheet", Main);
        x.WriteStartElement("fonts", Main);
        x.WriteAttributeString("count", "2");
        foreach (var bold in new[] { false, true })
        {
            x.WriteStartElement("font", Main);
            if (bold)
            {
                Element(x, "b");
            }

            Element(x, "sz", ("val", "11"));
            Element(x, "name", ("val", "等线"));
            Element(x, "family", ("val", "2"));
            Element(x, "charset", ("val", "134"));
            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteStartElement("fills", Main);
        x.WriteAttributeString("count", "2");
        foreach (var pattern in new[] { "none", "gray125" })
        {
            x.WriteStartElement("fill", Main);
            Element(x, "patternFill", ("patternType", pattern));
            x.WriteEndElement();
        }

        x.WriteEndElement();
        x.WriteStartElement("borders", Main);
        x.WriteAttributeString("count", "1");
        x.WriteStartElement("border", Main);
        foreach (var side in new[] { "left", "right", "top", "bottom", "diagonal" })
        {
            Element(x, side);
        }

        x.WriteEndElement();
        x.WriteEndElement();
        x.WriteStartElement("cellStyleXfs", Main);
        x.WriteAttributeString("count", "1");
        Element(x, "xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"));
        x.WriteEndElement();
        x.WriteStartElement("cellXfs", Main);
        x.WriteAttributeString("count", "3");
        Element(x, "xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"));
        Element(x, "xf", ("numFmtId", "49"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("applyNumberFormat", "1"));
        Element(x, "xf", ("numFmtId", "0"), ("fontId", "1"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("applyFont", "1"));
        x.WriteEndElement();
        x.WriteStartElement("cellStyles", Main);
        x.WriteAttributeString("count", "1");
        Element(x, "cellStyle", ("name", "Normal"), ("xfId", "0"), ("builtinId", "0"));
        x.WriteEndElement();
        x.WriteEndElement();
    }

    private static void Part(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var stream = zip.CreateEntry(name).Open();
        using var x = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        x.WriteStartDocument(true);
        write(x);
        x.WriteEndDocument();
    }

    private static void Element(XmlWriter x, string name, params (string Name, string Value)[] attributes)
    {
        x.WriteStartElement(name);
        foreach (var (a, v) in attributes)
        {
            x.WriteAttributeString(a, v);
        }

        x.WriteEndElement();
    }

    /// <summary>A row of inline-text cells, of the given cell style if any; a blank value has no cell.</summary>
    private static void Row(XmlWriter x, uint index, string[] values, int? style)
    {
        var number = index.ToString(CultureInfo.InvariantCulture);
        x.WriteStartElement("row", Main);
        x.WriteAttributeString("r", number);
        for (var c = 0; c < values.Length; c++)
        {
            if (values[c].Length == 0)
            {
                continue;
            }

            x.WriteStartElement("c", Main);
            x.WriteAttributeString("r", XlsxExport.ColumnLetter(c + 1) + number);
            if (style is { } st)
            {
                x.WriteAttributeString("s", st.ToString(CultureInfo.InvariantCulture));
            }

            x.WriteAttributeString("t", "inlineStr");
            x.WriteStartElement("is", Main);
            x.WriteStartElement("t", Main);
            x.WriteAttributeString("xml", "space", null, "preserve");
            x.WriteString(values[c]);
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
        }

        x.WriteEndElement();
    }
}
