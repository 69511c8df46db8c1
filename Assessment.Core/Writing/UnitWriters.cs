using System.Text;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Tables = Assessment.Core.Import.Tables;

namespace Assessment.Core.Writing;

/// <summary>Writes a valid export a unit at a time, as it is read (<c>assess convert</c> of an export read unit by unit):
/// the bytes <see cref="ExportWriters"/> writes for the whole export, which is written through the same writers. A
/// directive or waiver of several units is written once, where it first appears.</summary>
internal interface IUnitWriter : IDisposable
{
    /// <summary>Writes the unit's rows.</summary>
    void Add(UnitRecord unit);

    /// <summary>Writes what comes after the last unit; without it, what was written is incomplete.</summary>
    void Complete();
}

/// <summary>A folder of CSV files, every table's file open at once, each unit's rows appended to them.</summary>
internal sealed class CsvUnitWriter : IUnitWriter
{
    private readonly Dictionary<TableSchema, StreamWriter> _files = [];
    private readonly CanonicalRows.Vocab _v = new(false);
    private readonly FirstSeen _across = new();

    public CsvUnitWriter(string folder)
    {
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var table in Tables.All)
            {
                var w = new StreamWriter(OutputStream.Create(Path.Combine(folder, table.FileName)), new UTF8Encoding(true), 1 << 16);
                _files[table] = w;
                Line(w, table.Columns.Select(c => c.Name));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Add(UnitRecord u)
    {
        Rows(Tables.Units, [CanonicalRows.Unit(u.Unit)]);
        Rows(Tables.Members, u.Members.Select(m => CanonicalRows.Member(_v, m)));
        Rows(Tables.Sessions, u.Sessions.Select(s => CanonicalRows.Session(_v, s)));
        Rows(Tables.Attendance, u.Attendance.Select(a => CanonicalRows.Attendance(_v, a)));
        Rows(Tables.Speeches, u.Speeches.Select(s => CanonicalRows.Speech(_v, s)));
        Rows(Tables.Outputs, u.Outputs.Select(o => CanonicalRows.Output(_v, o)));
        Rows(Tables.Documents, u.Documents.Select(d => CanonicalRows.Document(_v, d)));
        Rows(Tables.Events, u.Events.Select(e => CanonicalRows.Event(_v, e)));
        Rows(Tables.Directives, _across.Directives(u).Select(CanonicalRows.Directive));
        Rows(Tables.Reviews, u.Reviews.Select(r => CanonicalRows.Review(_v, r)));
        Rows(Tables.Waivers, _across.Waivers(u).Select(CanonicalRows.Waiver));
    }

    public void Complete()
    {
        foreach (var w in _files.Values)
        {
            w.Flush();
        }
    }

    public void Dispose()
    {
        foreach (var w in _files.Values)
        {
            w.Dispose();
        }
    }

    private void Rows(TableSchema table, IEnumerable<string[]> rows)
    {
        var w = _files[table];
        foreach (var row in rows)
        {
            Line(w, row);
        }
    }

    private static void Line(StreamWriter w, IEnumerable<string> cells)
    {
        w.Write(string.Join(",", cells.Select(Quote)));
        w.Write("\r\n");
    }

    private static string Quote(string v) =>
        v.IndexOfAny([',', '"', '\n', '\r']) >= 0 || v != v.Trim() ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
}

/// <summary>One JSON file: the directives and waivers come first, but are known only once every unit is read, so the
/// units are written to a file of their own beside the target (without a name from the moment it is made, where the
/// system allows) and copied after them at the end.</summary>
internal sealed class JsonUnitWriter : IUnitWriter
{
    private readonly string _path;
    private readonly FileStream _units;
    private readonly StreamWriter _text;
    private readonly JsonTextWriter _json;
    private readonly long _start;
    private readonly CanonicalRows.Vocab _v = new(true);
    private readonly FirstSeen _across = new();
    private readonly List<DirectiveRow> _directives = [];
    private readonly List<WaiverRow> _waivers = [];

    public JsonUnitWriter(string path)
    {
        _path = path;
        var spool = path + ".units";
        try
        {
            _units = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Named as the file asked for: the units' file is part of writing it.
            throw new IOException(e.Message.Replace(spool, path, StringComparison.Ordinal), e);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.Delete(spool); // open, it stays until closed; a killed run leaves nothing behind
        }

        _text = new StreamWriter(new OutputStream(_units), new UTF8Encoding(false), 1 << 16); // a write past the size limit is named
        _json = new JsonTextWriter(_text) { Formatting = Formatting.Indented, CloseOutput = false, AutoCompleteOnClose = false };

        // The units are written as the whole document writes them, inside "units": [ … ] of an object; what comes before
        // the first unit is left out when they are copied.
        _json.WriteStartObject();
        _json.WritePropertyName("units");
        _json.WriteStartArray();
        _json.Flush();
        _start = _units.Position; // the writer's buffer flushed through to the file
    }

    public void Add(UnitRecord x)
    {
        _directives.AddRange(_across.Directives(x));
        _waivers.AddRange(_across.Waivers(x));

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
        Add("members", new JArray(x.Members.Select(m => Obj(Tables.Members, CanonicalRows.Member(_v, m), "unit_id"))));
        Add("sessions", new JArray(x.Sessions.Select(session =>
        {
            var s = Obj(Tables.Sessions, CanonicalRows.Session(_v, session), "unit_id");
            var a = new JArray(attendance[session.SessionId].Select(r => Obj(Tables.Attendance, CanonicalRows.Attendance(_v, r), "unit_id", "session_id")));
            var sp = new JArray(speeches[session.SessionId].Select(r => Obj(Tables.Speeches, CanonicalRows.Speech(_v, r), "unit_id", "session_id")));
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
        Add("outputs", new JArray(x.Outputs.Select(r => Obj(Tables.Outputs, CanonicalRows.Output(_v, r), "unit_id"))));
        Add("documents", new JArray(x.Documents.Select(r => Obj(Tables.Documents, CanonicalRows.Document(_v, r), "unit_id"))));
        Add("events", new JArray(x.Events.Select(r => Obj(Tables.Events, CanonicalRows.Event(_v, r), "unit_id"))));
        Add("reviews", new JArray(x.Reviews.Select(r => Obj(Tables.Reviews, CanonicalRows.Review(_v, r), "unit_id"))));
        unit.WriteTo(_json);
    }

    public void Complete()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        using var output = OutputStream.Create(_path);
        using (var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            var json = new JsonTextWriter(w) { Formatting = Formatting.Indented, CloseOutput = false, AutoCompleteOnClose = false };

            // The directives and waivers apply across units: first, so that a reader can take the units one at a time.
            json.WriteStartObject();
            json.WritePropertyName("directives");
            new JArray(_directives.Select(d => Obj(Tables.Directives, CanonicalRows.Directive(d)))).WriteTo(json);
            json.WritePropertyName("waivers");
            new JArray(_waivers.Select(r => Obj(Tables.Waivers, CanonicalRows.Waiver(r)))).WriteTo(json);
            json.WritePropertyName("units");
            json.WriteStartArray();
            json.Flush();
        }

        // The units' file from its first unit on: the same text the whole document would have there.
        _units.Position = _start;
        _units.CopyTo(output, 1 << 16);
        output.Write("\n"u8);
    }

    public void Dispose()
    {
        _text.Dispose();
        _units.Dispose();
    }

    private static JObject Obj(TableSchema t, string[] row, params string[] skip)
    {
        var o = new JObject();
        for (var i = 0; i < t.Columns.Count; i++)
        {
            var name = t.Columns[i].Name;
            if (row[i].Length == 0 || skip.Contains(name))
            {
                continue;
            }

            o[JsonExport.PropertyName(name)] = ExportWriters.Typed(name, row[i]);
        }

        return o;
    }
}

/// <summary>The directives and waivers of units taken one at a time that no earlier unit had: one of every unit is in
/// each unit's lists, and is written once, where it first appears (as <see cref="CanonicalRows.Of"/> gives them).</summary>
internal sealed class FirstSeen
{
    private readonly HashSet<RowSource> _directives = [];
    private readonly HashSet<RowSource> _waivers = [];

    public IEnumerable<DirectiveRow> Directives(UnitRecord u) => u.Directives.Where(d => _directives.Add(d.Source));

    public IEnumerable<WaiverRow> Waivers(UnitRecord u) => u.Waivers.Where(w => _waivers.Add(w.Source));
}
