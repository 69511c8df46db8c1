using System.Globalization;
using Assessment.Core.Diagnostics;
using Assessment.Core.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Core.Import;

/// <summary>Reads an export given as one JSON file: units with their rows nested (members, sessions with their
/// attendance and speeches, outputs, documents, events, reviews), plus top-level directives and waivers. Property
/// names are the English column names in camelCase; values take the same spellings as in CSV (JSON numbers,
/// booleans and arrays of strings are accepted too). See docs/export-format.md.</summary>
public static class JsonExport
{
    private static readonly (string Property, TableSchema Table)[] UnitChildren =
        [("members", Tables.Members), ("sessions", Tables.Sessions), ("outputs", Tables.Outputs), ("documents", Tables.Documents), ("events", Tables.Events), ("reviews", Tables.Reviews)];

    private static readonly (string Property, TableSchema Table)[] SessionChildren = [("attendance", Tables.Attendance), ("speeches", Tables.Speeches)];

    private static readonly string[] ListColumns = ["role", "content_tags", "directive_ids"];

    /// <summary>The camelCase property name of a column, e.g. <c>unit_id</c> → <c>unitId</c>.</summary>
    public static string PropertyName(string column)
    {
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>Reads and checks a JSON export; never throws for bad content.</summary>
    public static Export Read(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Default;
        var file = Path.GetFileName(path);
        var diagnostics = new List<Diagnostic>();
        var tables = Tables.All.ToDictionary(t => t.Name, t => new List<RawRecord>());
        try
        {
            if (InputFile.KindOf(path) == InputFile.Kind.Device)
            {
                diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.NotRegularFile, []));
            }
            else if (InputFile.ReadAllBytes(path, options.Limits.MaxFileBytes, out var length) is not { } bytes)
            {
                diagnostics.Add(CsvTableReader.TooLarge(file, length, options.Limits));
            }
            else if (!TextDecoder.TryDecode(bytes, options.Encoding, out var text, out var encodingName))
            {
                diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.BadEncoding, [encodingName]));
            }
            else
            {
                new Reader(file, diagnostics, tables).Root(Parse(text));
            }
        }
        catch (JsonReaderException e)
        {
            diagnostics.Add(new(Severity.FileError, file, e.LineNumber, null, null, Messages.BadJson, [e.Message]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.FileUnreadable, [e.Message]));
        }

        var raw = Tables.All.ToDictionary(t => t.Name, t => RawTable.Of(t, file, tables[t.Name], tables[t.Name].Count > 0, Locate));
        return ExportAssembler.Assemble(path, raw, diagnostics, options);
    }

    private static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { FloatParseHandling = FloatParseHandling.Decimal, DateParseHandling = DateParseHandling.None };
        var token = JToken.Load(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
        if (reader.Read())
        {
            throw new JsonReaderException("text after the end of the JSON value", reader.Path, reader.LineNumber, reader.LinePosition, null);
        }

        return token;
    }

    private static string? Locate(RowSource source, string? column) =>
        source.Anchor is null ? null : column is null ? source.Anchor : $"{source.Anchor}.{PropertyName(column)}";

    private static int LineOf(JToken t) => t is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private sealed class Reader(string file, List<Diagnostic> diagnostics, Dictionary<string, List<RawRecord>> tables)
    {
        private readonly HashSet<string> _warned = [];

        public void Root(JToken root)
        {
            if (root is not JObject o || o["units"] is not JArray units)
            {
                Shape(root, "the top level must be an object with a \"units\" array");
                return;
            }

            foreach (var p in o.Properties().Where(p => p.Name is not ("units" or "directives" or "waivers" or "tool" or "version" or "$schema")))
            {
                Unknown(p, "export");
            }

            foreach (var u in units)
            {
                Unit(u);
            }

            Rows(o["directives"], Tables.Directives, []);
            Rows(o["waivers"], Tables.Waivers, []);
        }

        private void Unit(JToken u)
        {
            if (u is not JObject unit)
            {
                Shape(u, "each unit must be an object");
                return;
            }

            var record = Record(unit, Tables.Units, [], UnitChildren.Select(c => c.Property));
            var unitId = record?.Values[0] ?? "";
            foreach (var (property, table) in UnitChildren)
            {
                if (table == Tables.Sessions)
                {
                    Sessions(unit[property], unitId);
                }
                else
                {
                    Rows(unit[property], table, [("unit_id", unitId)]);
                }
            }
        }

        private void Sessions(JToken? array, string unitId)
        {
            foreach (var s in Items(array))
            {
                var record = Record(s, Tables.Sessions, [("unit_id", unitId)], SessionChildren.Select(c => c.Property));
                var sessionId = record is null ? "" : record.Values[1];
                foreach (var (property, table) in SessionChildren)
                {
                    Rows(s[property], table, [("unit_id", unitId), ("session_id", sessionId)]);
                }
            }
        }

        private void Rows(JToken? array, TableSchema table, (string Column, string Value)[] parents)
        {
            foreach (var item in Items(array))
            {
                Record(item, table, parents, []);
            }
        }

        private IEnumerable<JObject> Items(JToken? array)
        {
            if (array is null || array.Type == JTokenType.Null)
            {
                yield break;
            }

            if (array is not JArray a)
            {
                Shape(array, $"\"{array.Path}\" must be an array");
                yield break;
            }

            foreach (var t in a)
            {
                if (t is JObject o)
                {
                    yield return o;
                }
                else
                {
                    Shape(t, $"each entry of \"{a.Path}\" must be an object");
                }
            }
        }

        private RawRecord? Record(JObject o, TableSchema table, (string Column, string Value)[] parents, IEnumerable<string> nested)
        {
            var values = new string[table.Columns.Count];
            Array.Fill(values, "");
            var lines = new int[table.Columns.Count];
            var skip = nested.ToHashSet();
            var line = LineOf(o);
            var source = new RowSource(file, line, o.Path);
            foreach (var p in o.Properties())
            {
                if (skip.Contains(p.Name))
                {
                    continue;
                }

                var index = Column(table, p.Name);
                if (index < 0)
                {
                    Unknown(p, table.Name);
                    continue;
                }

                values[index] = Value(p, table.Columns[index].Name, source, table);
                lines[index] = LineOf(p.Value);
            }

            foreach (var (column, value) in parents)
            {
                var index = CsvTableReader.FindColumn(table, column);
                if (values[index].Length > 0 && values[index] != value)
                {
                    diagnostics.Add(new(Severity.RowError, file, line, column, value.Length > 0 ? value : null, Messages.ParentConflict, [values[index], value], Locate(source, column)));
                }

                values[index] = value;
            }

            var record = new RawRecord(line, values, Anchor: o.Path, ValueLines: lines);
            tables[table.Name].Add(record);
            return record;
        }

        private string Value(JProperty p, string column, RowSource source, TableSchema table)
        {
            var v = p.Value;
            switch (v.Type)
            {
                case JTokenType.Null:
                    return "";
                case JTokenType.String:
                    return ValueParser.Fold((string)v!);
                case JTokenType.Integer or JTokenType.Float:
                    return ((JValue)v).ToString(CultureInfo.InvariantCulture);
                case JTokenType.Boolean:
                    return (bool)v ? "true" : "false";
                case JTokenType.Array when ListColumns.Contains(column) && v.All(x => x.Type is JTokenType.String or JTokenType.Integer):
                    return string.Join(";", v.Select(x => ValueParser.Fold(x.ToString())));
                default:
                    // Reported against the row's unit when the row is built; here the unit may not be known yet.
                    diagnostics.Add(new(Severity.RowError, file, LineOf(v), column, UnitOf(p, table), Messages.NotAValue, [v.Type.ToString().ToLowerInvariant()], Locate(source, column)));
                    return "";
            }
        }

        private static string? UnitOf(JProperty p, TableSchema table)
        {
            // The unit is the nearest enclosing object with a unitId (a unit object, or a directive or waiver row).
            for (JToken? t = p.Parent; t is not null; t = t.Parent)
            {
                if (t is JObject o && o["unitId"] is { Type: JTokenType.String } id)
                {
                    var s = ValueParser.Fold((string)id!);
                    return s.Length == 0 || s == "*" ? null : s;
                }
            }

            return null;
        }

        private static int Column(TableSchema table, string property)
        {
            var folded = ValueParser.Fold(property);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var col = table.Columns[c];
                if (string.Equals(PropertyName(col.Name), folded, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(col.Name, folded, StringComparison.OrdinalIgnoreCase)
                    || col.Zh == folded || col.Aliases.Contains(folded))
                {
                    return c;
                }
            }

            return -1;
        }

        private void Unknown(JProperty p, string where)
        {
            if (_warned.Add(where + "." + p.Name))
            {
                diagnostics.Add(new(Severity.Warning, file, LineOf(p), p.Name, null, Messages.UnknownProperty, [p.Name], p.Path));
            }
        }

        private void Shape(JToken t, string what) =>
            diagnostics.Add(new(Severity.FileError, file, LineOf(t), null, null, Messages.JsonShape, [what], t.Path.Length > 0 ? t.Path : null));
    }
}
