using System.Globalization;
using System.Text;
using Assessment.Core.Import;
using Assessment.Core.Model;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
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
    public static void WriteCsv(Export export, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (table, rows) in CanonicalRows.Of(export))
        {
            // Each row is written as it is made: a province's attendance as one string would be hundreds of megabytes.
            OutputStream.WriteText(Path.Combine(folder, table.FileName), new UTF8Encoding(true), w =>
            {
                w.Write(string.Join(",", table.Columns.Select(c => c.Name)));
                w.Write("\r\n");
                foreach (var row in rows)
                {
                    w.Write(string.Join(",", row.Select(Quote)));
                    w.Write("\r\n");
                }
            });
        }
    }

    private static string Quote(string v) =>
        v.IndexOfAny([',', '"', '\n', '\r']) >= 0 || v != v.Trim() ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;

    /// <summary>One JSON file: units with their rows nested, directives and waivers at the top; camelCase names,
    /// JSON numbers, booleans and arrays where they fit, English vocabulary codes.</summary>
    public static void WriteJson(Export export, string path)
    {
        var v = new CanonicalRows.Vocab(true);
        var rows = CanonicalRows.Of(export, englishCodes: true);
        JObject Obj(TableSchema t, string[] row, params string[] skip)
        {
            var o = new JObject();
            for (var i = 0; i < t.Columns.Count; i++)
            {
                var name = t.Columns[i].Name;
                if (row[i].Length == 0 || skip.Contains(name))
                {
                    continue;
                }

                o[JsonExport.PropertyName(name)] = Typed(name, row[i]);
            }

            return o;
        }

        // Written a unit at a time, from the unit's own rows: the tree of a province's export would be several times
        // the size of its text, and its rows as text alone take gigabytes.
        OutputStream.WriteText(path, new UTF8Encoding(false), w =>
        {
            using var json = new JsonTextWriter(w) { Formatting = Formatting.Indented, CloseOutput = false };
            json.WriteStartObject();
            json.WritePropertyName("units");
            json.WriteStartArray();
            foreach (var x in export.Units)
            {
                var unit = Obj(Tables.Units, CanonicalRows.Unit(x.Unit));
                void Add(string name, JArray items)
                {
                    if (items.Count > 0)
                    {
                        unit[name] = items;
                    }
                }

                var attendance = x.Attendance.ToLookup(a => a.SessionId);
                var speeches = x.Speeches.ToLookup(a => a.SessionId);
                Add("members", new JArray(x.Members.Select(m => Obj(Tables.Members, CanonicalRows.Member(v, m), "unit_id"))));
                Add("sessions", new JArray(x.Sessions.Select(session =>
                {
                    var s = Obj(Tables.Sessions, CanonicalRows.Session(v, session), "unit_id");
                    var a = new JArray(attendance[session.SessionId].Select(r => Obj(Tables.Attendance, CanonicalRows.Attendance(v, r), "unit_id", "session_id")));
                    var sp = new JArray(speeches[session.SessionId].Select(r => Obj(Tables.Speeches, CanonicalRows.Speech(v, r), "unit_id", "session_id")));
                    if (a.Count > 0)
                    {
                        s["attendance"] = a;
                    }

                    if (sp.Count > 0)
                    {
                        s["speeches"] = sp;
                    }

                    return s;
                })));
                Add("outputs", new JArray(x.Outputs.Select(r => Obj(Tables.Outputs, CanonicalRows.Output(v, r), "unit_id"))));
                Add("documents", new JArray(x.Documents.Select(r => Obj(Tables.Documents, CanonicalRows.Document(v, r), "unit_id"))));
                Add("events", new JArray(x.Events.Select(r => Obj(Tables.Events, CanonicalRows.Event(v, r), "unit_id"))));
                Add("reviews", new JArray(x.Reviews.Select(r => Obj(Tables.Reviews, CanonicalRows.Review(v, r), "unit_id"))));
                unit.WriteTo(json);
            }

            json.WriteEndArray();
            json.WritePropertyName("directives");
            new JArray(rows[Tables.Directives].Select(r => Obj(Tables.Directives, r))).WriteTo(json);
            json.WritePropertyName("waivers");
            new JArray(rows[Tables.Waivers].Select(r => Obj(Tables.Waivers, r))).WriteTo(json);
            json.WriteEndObject();
            json.Flush();
            w.Write('\n');
        });
    }

    private static JToken Typed(string column, string value) => column switch
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

    /// <summary>The most rows a sheet holds (Excel's limit), the header's included.</summary>
    public const int MaxXlsxRows = 1_048_576;

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

        // Made in memory (the package needs a stream it can seek in), then written through OutputStream in one go.
        using var package = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            Fill(doc, rows);
        }

        package.Position = 0;
        using var file = OutputStream.Create(path);
        package.CopyTo(file);
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
                        if (System.Xml.XmlConvert.IsXmlChar(value[i]))
                        {
                            continue;
                        }

                        if (i + 1 < value.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
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

    private static void Fill(SpreadsheetDocument doc, IReadOnlyDictionary<TableSchema, IEnumerable<string[]>> rows)
    {
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var (table, tableRows) in rows)
        {
            // Each row is written as it is made: a sheet's whole tree of elements would take gigabytes.
            var part = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                writer.WriteElement(Row(1, table.Columns.Select(c => c.Zh)));
                var r = 2u;
                foreach (var row in tableRows)
                {
                    writer.WriteElement(Row(r++, row));
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = table.Zh });
        }

        workbook.Workbook.Save();
    }

    private static Row Row(uint index, IEnumerable<string> values)
    {
        var row = new Row { RowIndex = index };
        var c = 0;
        foreach (var v in values)
        {
            c++;
            if (v.Length > 0)
            {
                row.Append(new Cell
                {
                    CellReference = XlsxExport.ColumnLetter(c) + index.ToString(CultureInfo.InvariantCulture),
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(v) { Space = SpaceProcessingModeValues.Preserve }),
                });
            }
        }

        return row;
    }
}
