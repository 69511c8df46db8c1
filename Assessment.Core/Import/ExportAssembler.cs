using System.Globalization;
using Assessment.Core.Diagnostics;
using Assessment.Core.Model;
using Assessment.Core.Scoring;

namespace Assessment.Core.Import;

/// <summary>Builds an <see cref="Export"/> from raw tables, whatever format they came from: types every row, checks
/// every cross-table rule of the format, groups rows by unit and decides which units can be scored.</summary>
internal sealed class ExportAssembler
{
    private readonly List<Diagnostic> _d;
    private readonly ReadOptions _options;
    private readonly Dictionary<string, Func<RowSource, string?, string?>> _locators;

    // Scratch collections of the per-unit checks, one set per thread, cleared for each use: the checks of 20,000
    // units would otherwise allocate a hundred megabytes of short-lived dictionaries.
    private const int LargeScratch = 4096;

    [ThreadStatic]
    private static Dictionary<string, int>? _scratchIds;

    [ThreadStatic]
    private static Dictionary<long, int>? _scratchPairs;

    // The (session, member) grid of a unit's attendance: for each pair, 1 + the index of its first row, 0 for none.
    // A unit of 40 members and 24 sessions has 960 cells; larger ones use _scratchPairs.
    private const int GridCells = 1 << 16;

    [ThreadStatic]
    private static int[]? _scratchGrid;

    private ExportAssembler(List<Diagnostic> diagnostics, ReadOptions options, IEnumerable<RawTable> tables)
        : this(diagnostics, options, tables.Where(t => t.Locate is not null).GroupBy(t => t.File).ToDictionary(g => g.Key, g => g.First().Locate!))
    {
    }

    private ExportAssembler(List<Diagnostic> diagnostics, ReadOptions options, Dictionary<string, Func<RowSource, string?, string?>> locators)
    {
        _d = diagnostics;
        _options = options;
        _locators = locators;
    }

    /// <summary>The path of a row's column inside its file, for formats that have one (JSON, XLSX).</summary>
    private string? PathOf(RowSource s, string? column) => _locators.TryGetValue(s.File, out var locate) ? locate(s, column) : null;

    private void Add(Severity severity, RowSource s, string? column, string? unit, MessageTemplate m, params string[] args) =>
        _d.Add(new(severity, s.File, s.Line, column, unit, m, args, PathOf(s, column)));

    private sealed class Bucket(string id, int order)
    {
        public string Id { get; } = id;
        public int Order { get; } = order;
        public UnitRow? Unit { get; set; }
        public string? Name { get; set; }
        public List<MemberRow> Members { get; } = [];
        public List<SessionRow> Sessions { get; } = [];
        public List<AttendanceRow> Attendance { get; } = [];
        public List<SpeechRow> Speeches { get; } = [];
        public List<OutputRow> Outputs { get; } = [];
        public List<DocumentRow> Documents { get; } = [];
        public List<EventRow> Events { get; } = [];
        public List<DirectiveRow> Directives { get; } = [];
        public List<ReviewRow> Reviews { get; } = [];
        public List<WaiverRow> Waivers { get; } = [];

        // Ids as written in any row of the unit, valid or not, so that a bad session row does not also make
        // every attendance row for it an "unknown session"; each numbered in order of first appearance.
        public Dictionary<string, int> SessionIds { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> MemberIds { get; } = new(StringComparer.Ordinal);

        /// <summary>The sessions that an attendance row with an error names: how many members' rows such a session
        /// lacks is not known, so it is not warned about (the error is reported). Null while there are none.</summary>
        public HashSet<string>? SessionsWithBadAttendance { get; set; }

        /// <summary>A new bucket of the same unit with its directives and waivers, for the streamed read to fill. The
        /// buckets made from units.csv live through the whole read and so reach the collector's oldest generation; rows
        /// put in their lists would be kept by them through every younger collection, even after the unit was handed on.</summary>
        public Bucket Fresh()
        {
            var b = new Bucket(Id, Order) { Unit = Unit, Name = Name };
            b.Directives.AddRange(Directives);
            b.Waivers.AddRange(Waivers);
            return b;
        }
    }

    /// <summary>One record as the first pass leaves it: its typed row (null when it had an error), the raw unit id and
    /// key it names (kept even for a bad row, so other rows are not also reported for naming it; for a table without
    /// ids of its own, attendance, the session it names, and only for a bad row), where it came from, and the
    /// diagnostics its values got.</summary>
    private readonly record struct Entry<T>(T? Row, string UnitId, string Key, RowSource Source, Diagnostic[]? Diagnostics) where T : class;

    /// <summary>Types every record of a table (on several threads for large CSV files), in input order, as it is read.</summary>
    private IEnumerable<Entry<T>> Parse<T>(RawTable table, Func<Cells, T?> parse, string? keyColumn, bool keyOfBadRowsOnly = false) where T : class
    {
        _options.Cancellation.ThrowIfCancellationRequested();
        var (unitCol, keyCol) = Columns(table.Schema, keyColumn);
        return table.Map(c => EntryOf(c, parse, unitCol, keyCol, keyOfBadRowsOnly));
    }

    /// <summary>The columns of a table's unit id and of its key (-1 without one).</summary>
    private static (int Unit, int Key) Columns(TableSchema schema, string? keyColumn) =>
        (CsvTableReader.FindColumn(schema, "unit_id"), keyColumn is null ? -1 : CsvTableReader.FindColumn(schema, keyColumn));

    /// <summary>Types the record <paramref name="c"/> is on; with <paramref name="keyOfBadRowsOnly"/>, its key is
    /// taken only when it has an error.</summary>
    private static Entry<T> EntryOf<T>(Cells c, Func<Cells, T?> parse, int unitCol, int keyCol, bool keyOfBadRowsOnly = false) where T : class
    {
        var row = parse(c);
        var key = keyCol < 0 || (keyOfBadRowsOnly && row is not null) ? "" : c.Text(keyCol);
        return new Entry<T>(row, c.Text(unitCol), key, c.Source, c.TakeDiagnostics());
    }

    /// <summary>Assembles tables that are all loaded: <paramref name="diagnostics"/> holds their file-level problems.</summary>
    public static Export Assemble(string source, IReadOnlyDictionary<string, RawTable> tables, List<Diagnostic> diagnostics, ReadOptions options)
    {
        if (diagnostics.Any(x => x.Severity == Severity.FileError))
        {
            return FileErrors(source, diagnostics, options);
        }

        return new ExportAssembler(diagnostics, options, tables.Values)
            .Run(source, s => tables.TryGetValue(s.Name, out var t) ? t : RawTable.Missing(s, s.FileName), null);
    }

    /// <summary>Assembles tables that are still being loaded (CSV): <paramref name="table"/> waits for a table,
    /// <paramref name="loaded"/> waits for them all and gives their file-level problems, in table order. The result
    /// is the same as if every table had been loaded first: a file error anywhere discards the rows mapped meanwhile.
    /// <paramref name="mapping"/> is where the tables put problems found while they are mapped; the rows' diagnostics
    /// join them there, in reading order.</summary>
    public static Export Assemble(string source, Func<TableSchema, RawTable> table, Func<IReadOnlyList<Diagnostic>> loaded,
        List<Diagnostic> mapping, ReadOptions options) =>
        new ExportAssembler(mapping, options, new Dictionary<string, Func<RowSource, string?, string?>>()).Run(source, table, loaded);

    /// <summary>Assembles CSV tables unit by unit (<see cref="CsvExport.Stream"/>): each valid unit goes to
    /// <paramref name="emit"/> as soon as every table has moved past it, and is then dropped. Each table's rows'
    /// diagnostics go to a list of its own, and the lists are joined in the order <see cref="Run"/> reads the tables,
    /// so the diagnostics come out as from the whole read. <paramref name="mapped"/> is where the loader put the file
    /// errors found while the tables were mapped (too many rows), which only the whole read places among the rows.</summary>
    /// <exception cref="ExportNotStreamableException">A row belongs to a unit already handed on (the tables are not in
    /// the order of units.csv), or a file error was found while the tables were read side by side.</exception>
    public static Export Stream(string source, Func<TableSchema, RawTable> table, Func<IReadOnlyList<Diagnostic>> loaded,
        IReadOnlyList<List<Diagnostic>> mapped, ReadOptions options, Action<UnitRecord> emit, Action<int>? listed) =>
        new ExportAssembler([], options, new Dictionary<string, Func<RowSource, string?, string?>>())
            .RunStreamed(source, table, loaded, mapped, emit, listed);

    private static Export FileErrors(string source, IReadOnlyList<Diagnostic> diagnostics, ReadOptions options) =>
        new(source, [], [], Finish([.. diagnostics], options), Tables.All.ToDictionary(t => t.Name, _ => 0));

    private Export Run(string source, Func<TableSchema, RawTable> table, Func<IReadOnlyList<Diagnostic>>? loaded)
    {
        var counts = new Dictionary<string, int>();

        var buckets = Buckets(Parse(table(Tables.Units), RowParsers.Unit, null), counts);
        foreach (var child in Children)
        {
            child.Fill(this, table(child.Table), buckets, counts);
        }

        ReadDirectives(Parse(table(Tables.Directives), RowParsers.Directive, null), buckets, counts);
        ReadWaivers(Parse(table(Tables.Waivers), RowParsers.Waiver, null), buckets, counts);
        if (loaded is not null)
        {
            var files = loaded();
            if (files.Any(x => x.Severity == Severity.FileError))
            {
                return FileErrors(source, files, _options);
            }

            _d.InsertRange(0, files);
        }

        return Complete(source, buckets, counts);
    }

    /// <summary>The end of a read that holds every unit: each unit's cross-checks, then which units can be scored.</summary>
    private Export Complete(string source, Dictionary<string, Bucket> buckets, Dictionary<string, int> counts)
    {
        // Each unit's cross-checks are independent: run them in parallel, each into its own list, and append the
        // lists in input order so the diagnostics come out the same on every run.
        var ordered = buckets.Values.OrderBy(b => b.Order).ToArray();
        var perUnit = new List<Diagnostic>[ordered.Length];
        Parallel.For(0, ordered.Length, new ParallelOptions { CancellationToken = _options.Cancellation }, i =>
        {
            perUnit[i] = [];
            new ExportAssembler(perUnit[i], _options, _locators).CheckUnit(ordered[i]);
        });
        foreach (var list in perUnit)
        {
            _d.AddRange(list);
        }

        var all = Finish(_d, _options);
        if (all.Any(x => x.Severity == Severity.FileError))
        {
            return new Export(source, [], [], all, counts);
        }

        var errorsByUnit = all.Where(x => x.Severity == Severity.RowError && x.UnitId is not null && buckets.ContainsKey(x.UnitId))
            .ToLookup(x => x.UnitId!);
        var valid = new List<UnitRecord>();
        var invalid = new List<InvalidUnit>();
        foreach (var (id, b) in buckets.OrderBy(kv => kv.Value.Order))
        {
            if (errorsByUnit.Contains(id) || b.Unit is null)
            {
                invalid.Add(new InvalidUnit(id, b.Name, b.Order, errorsByUnit[id].ToArray()));
            }
            else
            {
                valid.Add(new UnitRecord(b.Unit, b.Members, b.Sessions, b.Attendance, b.Speeches, b.Outputs,
                    b.Documents, b.Events, b.Directives, b.Reviews, b.Waivers));
            }
        }

        return new Export(source, valid, invalid, all, counts);
    }

    /// <summary>The streamed read: units.csv, directives.csv and waivers.csv whole (they are small, and the last two
    /// apply across units), then the other tables side by side, one cursor each, unit by unit in the order of
    /// units.csv. A unit is complete when every cursor is on a row of a later unit or at its end: it is checked, handed
    /// on if valid, and dropped. What is kept to the end is the diagnostics and, per unit, its id, name and order.</summary>
    private Export RunStreamed(string source, Func<TableSchema, RawTable> table, Func<IReadOnlyList<Diagnostic>> loaded,
        IReadOnlyList<List<Diagnostic>> mapped, Action<UnitRecord> emit, Action<int>? listed)
    {
        var counts = new Dictionary<string, int>();
        Dictionary<string, Bucket>? buckets = Buckets(Parse(table(Tables.Units), RowParsers.Unit, null), counts);
        listed?.Invoke(buckets.Count);

        // Every file is loaded before a unit is handed on: a file error in any of them stops every unit.
        var files = loaded();
        if (files.Any(x => x.Severity == Severity.FileError))
        {
            return FileErrors(source, files, _options);
        }

        var units = buckets.Values.OrderBy(b => b.Order).ToArray();
        var ids = units.Select(b => b.Id).ToArray();
        var names = units.Select(b => b.Name).ToArray();
        var order = buckets.ToDictionary(kv => kv.Key, kv => kv.Value.Order, StringComparer.Ordinal);
        var directives = new List<Diagnostic>();
        var waivers = new List<Diagnostic>();
        For(directives).ReadDirectives(Parse(table(Tables.Directives), RowParsers.Directive, null), buckets, counts);
        For(waivers).ReadWaivers(Parse(table(Tables.Waivers), RowParsers.Waiver, null), buckets, counts);
        buckets = null; // from here each unit is held by units[] alone, until it is handed on

        // A file error already known (a bad directive or waiver of every unit; with --strict, any warning of no unit)
        // stops every unit: read on, for the diagnostics, but hand nothing on.
        var handOn = !files.Concat(_d).Concat(directives).Concat(waivers).Any(StopsEveryUnit);

        // Each cursor types its table on a thread of its own from the moment it is made: made inside the try, so that
        // a failure while the later ones are made (cancellation, say) still stops the earlier ones.
        var cursors = new List<Cursor>();
        var checks = new List<Diagnostic>();
        List<Diagnostic>[] lists = [];
        var handed = new List<string>();
        var invalid = new List<int>();
        try
        {
            foreach (var child in Children)
            {
                cursors.Add(child.Cursor(For([]), table(child.Table)));
            }

            // The lists in the order the whole read makes them (Run), and the checks of the units after them.
            lists = [_d, .. cursors.Select(c => c.Into._d), directives, waivers, checks];
            var erred = new Errors(lists, _options.Strict);
            for (var i = 0; i < units.Length; i++)
            {
                var b = units[i].Fresh();
                units[i] = null!;
                foreach (var c in cursors)
                {
                    c.Take(b, i, order);
                }

                For(checks).CheckUnit(b);
                erred.Scan();
                if (b.Unit is null || erred.Contains(b.Id) || !handOn)
                {
                    invalid.Add(i);
                    continue;
                }

                emit(new UnitRecord(b.Unit, b.Members, b.Sessions, b.Attendance, b.Speeches, b.Outputs,
                    b.Documents, b.Events, b.Directives, b.Reviews, b.Waivers));
                handed.Add(b.Id);
            }

            // Whatever is left in a table belongs to no unit of units.csv, or to one already handed on.
            foreach (var c in cursors)
            {
                c.Take(null, units.Length, order);
                counts[c.Table.Name] = c.Count;
            }
        }
        finally
        {
            foreach (var c in cursors)
            {
                c.Dispose();
            }
        }

        var diagnostics = new List<Diagnostic>(files.Count + lists.Sum(l => l.Count));
        diagnostics.AddRange(files);
        foreach (var list in lists)
        {
            diagnostics.AddRange(list);
        }

        diagnostics = Finish(diagnostics, _options);
        var errorsByUnit = diagnostics.Where(x => x.Severity == Severity.RowError && x.UnitId is not null && order.ContainsKey(x.UnitId))
            .ToLookup(x => x.UnitId!);
        if (mapped.Any(l => l.Count > 0))
        {
            // Too many rows in a table: a file error that the whole read places among the rows read before it.
            throw new ExportNotStreamableException($"{source}: a file error was found while the tables were read side by side");
        }

        if (handed.Count > 0 && (diagnostics.Any(x => x.Severity == Severity.FileError) || handed.Any(errorsByUnit.Contains)))
        {
            // Not expected of an export in unit order; but what was handed on would be wrong, so it must go.
            throw new ExportNotStreamableException($"{source}: an error was found after units were handed on");
        }

        if (diagnostics.Any(x => x.Severity == Severity.FileError))
        {
            return new Export(source, [], [], diagnostics, counts);
        }

        return new Export(source, [], [.. invalid.Select(i => new InvalidUnit(ids[i], names[i], i, errorsByUnit[ids[i]].ToArray()))], diagnostics, counts)
        {
            StreamedUnitIds = handed,
        };
    }

    private ExportAssembler For(List<Diagnostic> diagnostics) => new(diagnostics, _options, _locators);

    /// <summary>Whether a diagnostic is a file error once <see cref="Finish"/> has escalated it.</summary>
    private bool StopsEveryUnit(Diagnostic d) => d.SeverityIn(_options.Strict) == Severity.FileError;

    /// <summary>The ids of the units with a row error so far (any diagnostic of theirs with --strict), found by looking
    /// at what was added to the lists since the last look.</summary>
    private sealed class Errors(List<Diagnostic>[] lists, bool strict)
    {
        private readonly int[] _seen = new int[lists.Length];
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public void Scan()
        {
            for (var l = 0; l < lists.Length; l++)
            {
                var list = lists[l];
                for (var i = _seen[l]; i < list.Count; i++)
                {
                    var d = list[i];
                    var severity = d.SeverityIn(strict);
                    if (d.UnitId is { } id && severity == Severity.RowError)
                    {
                        _ids.Add(id);
                    }
                    else if (severity == Severity.FileError)
                    {
                        AnyFileError = true;
                    }
                }

                _seen[l] = list.Count;
            }
        }

        public bool Contains(string id) => _ids.Contains(id);

        /// <summary>Whether a file error (with --strict, a warning of no unit) was among what was looked at.</summary>
        public bool AnyFileError { get; private set; }
    }

    /// <summary>One table read side by side with the others: its rows are put in their unit's bucket as that unit comes
    /// up, as <see cref="Fill"/> does for a table read whole.</summary>
    private abstract class Cursor(ExportAssembler into, TableSchema table) : IDisposable
    {
        public ExportAssembler Into { get; } = into;

        public TableSchema Table { get; } = table;

        public int Count { get; protected set; }

        /// <summary>Takes the rows of unit number <paramref name="number"/> (<paramref name="bucket"/>; null past the last
        /// unit) up to the first row of a later unit, reporting rows of no unit on the way.</summary>
        public abstract void Take(Bucket? bucket, int number, Dictionary<string, int> order);

        public abstract void Dispose();
    }

    private sealed class Cursor<T>(ExportAssembler into, TableSchema table, IEnumerable<Entry<T>> entries, Func<Bucket, List<T>> list,
        Func<Bucket, Dictionary<string, int>>? ids) : Cursor(into, table) where T : class
    {
        private readonly Prefetched<Entry<T>> _entries = new(entries, "assess " + table.Name);
        private readonly List<T> _run = [];
        private readonly List<string> _keys = [];
        private bool _pending;
        private bool _ended;
        private int _inHand = -1;
        private string? _inHandId;

        public override void Take(Bucket? bucket, int number, Dictionary<string, int> order)
        {
            while (_pending || (!_ended && Next()))
            {
                var e = _entries.Current;
                if (e.UnitId.Length > 0 && !(_inHand == number && ReferenceEquals(e.UnitId, _inHandId)))
                {
                    if (order.TryGetValue(e.UnitId, out var at))
                    {
                        if (at > number)
                        {
                            _pending = true; // a later unit's row: it waits for its unit
                            break;
                        }

                        if (at < number)
                        {
                            throw new ExportNotStreamableException(
                                $"{Table.FileName}:{e.Source.Line}: a row of unit {e.UnitId} after the rows of a later unit");
                        }

                        // The unit in hand: its next rows, which name it with the same string, skip the lookup.
                        (_inHand, _inHandId) = (number, e.UnitId);
                    }
                }

                _pending = false;
                Into.Report(e);
                if (e.UnitId.Length == 0)
                {
                    continue; // reported by the parser as a blank required value
                }

                if (bucket is null || !ReferenceEquals(bucket.Id, e.UnitId) && bucket.Id != e.UnitId)
                {
                    Into.Add(Severity.RowError, e.Source, "unit_id", e.UnitId, Messages.UnknownUnit, e.UnitId);
                    continue;
                }

                if (e.Key.Length > 0)
                {
                    _keys.Add(e.Key);
                }

                if (e.Row is not null)
                {
                    _run.Add(e.Row);
                }
            }

            Flush(bucket, _run, list, _keys, ids);
        }

        private bool Next()
        {
            if (_entries.MoveNext())
            {
                Count++;
                return true;
            }

            _ended = true;
            return false;
        }

        public override void Dispose() => _entries.Dispose();
    }

    /// <summary>The tables of a unit's rows, in the order the whole read takes them and joins their diagnostics: how
    /// each is typed, and where its rows go in a bucket. The whole read, the streamed read and the read of nested rows
    /// (<see cref="Nested"/>: JSON and XLSX) all take them from here.</summary>
    private static readonly Child[] Children =
    [
        new Child<MemberRow>(Tables.Members, RowParsers.Member, "member_id", b => b.Members, b => b.MemberIds),
        new Child<SessionRow>(Tables.Sessions, RowParsers.Session, "session_id", b => b.Sessions, b => b.SessionIds),
        new Child<AttendanceRow>(Tables.Attendance, RowParsers.Attendance, "session_id", b => b.Attendance, null),
        new Child<SpeechRow>(Tables.Speeches, RowParsers.Speech, null, b => b.Speeches, null),
        new Child<OutputRow>(Tables.Outputs, RowParsers.Output, null, b => b.Outputs, null),
        new Child<DocumentRow>(Tables.Documents, RowParsers.Document, null, b => b.Documents, null),
        new Child<EventRow>(Tables.Events, RowParsers.Event, null, b => b.Events, null),
        new Child<ReviewRow>(Tables.Reviews, RowParsers.Review, null, b => b.Reviews, null),
    ];

    private abstract class Child(TableSchema table)
    {
        public TableSchema Table { get; } = table;

        /// <summary>Types the whole table and puts its rows in their buckets (the whole read).</summary>
        public abstract void Fill(ExportAssembler into, RawTable raw, Dictionary<string, Bucket> buckets, Dictionary<string, int> counts);

        /// <summary>A cursor that types the table on a thread of its own (the streamed read).</summary>
        public abstract Cursor Cursor(ExportAssembler into, RawTable raw);

        /// <summary>Where the table's records are typed one at a time, as they are read (nested rows).</summary>
        public abstract Sink Sink(ExportAssembler into, RawTable table, Dictionary<string, Bucket> buckets);
    }

    /// <summary>How one table is typed and where its rows go. Its <c>key</c> is the column of the id its rows have,
    /// which <c>ids</c> numbers, or for a table without ids (attendance) the column of the session a bad row names.</summary>
    private sealed class Child<T>(TableSchema table, Func<Cells, T?> parse, string? key, Func<Bucket, List<T>> list,
        Func<Bucket, Dictionary<string, int>>? ids) : Child(table)
        where T : class
    {
        public override void Fill(ExportAssembler into, RawTable raw, Dictionary<string, Bucket> buckets, Dictionary<string, int> counts) =>
            into.Fill(Table, into.Parse(raw, parse, key, ids is null), buckets, list, counts, ids);

        public override Cursor Cursor(ExportAssembler into, RawTable raw) => new Cursor<T>(into, Table, into.Parse(raw, parse, key, ids is null), list, ids);

        public override Sink Sink(ExportAssembler into, RawTable table, Dictionary<string, Bucket> buckets) =>
            new Sink<T>(table, parse, key, ids is null, new Filler<T>(into, buckets, list, ids));
    }

    /// <summary>Types a table's records one at a time, as they are read, and puts each row in its bucket at once.</summary>
    private abstract class Sink
    {
        public abstract void Add(RawRecord record);

        /// <summary>Puts the last rows in their bucket; the number of records taken.</summary>
        public abstract int Finish();

        /// <summary>Puts the last rows in their bucket and lets it go.</summary>
        public abstract void Close();
    }

    private sealed class Sink<T>(RawTable table, Func<Cells, T?> parse, string? key, bool keyOfBadRowsOnly, Filler<T> filler) : Sink
        where T : class
    {
        private readonly Cells _cells = new(table);
        private readonly (int Unit, int Key) _columns = Columns(table.Schema, key);

        public override void Add(RawRecord record)
        {
            _cells.Load(record);
            filler.Add(EntryOf(_cells, parse, _columns.Unit, _columns.Key, keyOfBadRowsOnly));
        }

        public override int Finish() => filler.Finish();

        public override void Close() => filler.Close();
    }

    /// <summary>Assembles an export whose records come one at a time, each unit's before its rows: nested (JSON: each
    /// unit's record, then its rows of every table, then the next unit's) or a table at a time after the units (XLSX).
    /// Each record is typed and its row put in its unit's bucket as it is read, so what is held to the end is the typed
    /// rows, not the records as well. The directives and waivers, which apply across units, are typed at the end. Each
    /// table's diagnostics are kept in a list of its own and joined in the order the whole read makes them. The export is the one <see cref="ExportAssembler.Assemble(string, IReadOnlyDictionary{string, RawTable}, List{Diagnostic}, ReadOptions)"/>
    /// makes of the same records in the same order: the same rows, the diagnostics in the same order.</summary>
    /// <remarks>Made with a unit handler, it reads unit by unit (a JSON export read so): the directives and waivers must
    /// come before the units (<see cref="BeginUnits"/>); each unit is checked and, if valid, handed on as soon as the
    /// next one starts (<see cref="Streaming"/>), and only its id, order and unit row are kept.</remarks>
    internal sealed class Nested
    {
        private readonly string _file;
        private readonly Func<RowSource, string?, string?> _locate;
        private readonly ReadOptions _options;
        private readonly Dictionary<string, Func<RowSource, string?, string?>> _locators;
        private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);
        private readonly ExportAssembler _units;
        private readonly Cells _unitCells;
        private readonly int _unitColumn;
        private readonly Sink[] _sinks;
        private readonly Dictionary<TableSchema, Sink> _sinkOf;
        private readonly List<Diagnostic>[] _lists;
        private readonly List<RawRecord> _directives = [];
        private readonly List<RawRecord> _waivers = [];
        private readonly Action<UnitRecord>? _emit;
        private Streaming? _stream;
        private int _unitCount;

        /// <param name="file">The file's name, as the records' sources give it.</param>
        /// <param name="locate">The path of a row's column in the file.</param>
        /// <param name="options">The read's options.</param>
        /// <param name="emit">For a read unit by unit, where each valid unit goes; null for a whole read.</param>
        public Nested(string file, Func<RowSource, string?, string?> locate, ReadOptions options, Action<UnitRecord>? emit = null)
        {
            _file = file;
            _locate = locate;
            _options = options;
            _emit = emit;
            _locators = new() { [file] = locate };
            _units = new ExportAssembler([], options, _locators);
            _unitCells = new Cells(RawTable.Of(Tables.Units, file, [], true, locate));
            _unitColumn = Columns(Tables.Units, null).Unit;
            _lists = [.. Children.Select(_ => new List<Diagnostic>())];
            _sinks = [.. Children.Select((c, i) => c.Sink(new ExportAssembler(_lists[i], options, _locators), RawTable.Of(c.Table, file, [], true, locate), _buckets))];
            _sinkOf = Children.Select((c, i) => (c.Table, Sink: _sinks[i])).ToDictionary(x => x.Table, x => x.Sink);
        }

        /// <summary>Whether the records are read unit by unit.</summary>
        public bool IsStreaming => _emit is not null;

        /// <summary>Takes the next record of <paramref name="table"/>: a unit's before its rows.</summary>
        public void Add(TableSchema table, RawRecord record)
        {
            if (table == Tables.Units)
            {
                _options.Cancellation.ThrowIfCancellationRequested();
                _unitCount++;
                _unitCells.Load(record);
                var entry = EntryOf(_unitCells, RowParsers.Unit, _unitColumn, -1);
                if (_stream is not null)
                {
                    _stream.Close();
                    if (entry.UnitId.Length > 0 && _firstLine.ContainsKey(entry.UnitId))
                    {
                        // Its rows would join the earlier unit's, which was checked (and perhaps handed on) without them.
                        throw new ExportNotStreamableException($"{_file}:{entry.Source.Line}: unit {entry.UnitId} is listed twice");
                    }
                }

                _units.AddUnit(entry, _buckets, _firstLine);
                if (_stream is not null && entry.UnitId.Length > 0)
                {
                    _stream.Open = _buckets[entry.UnitId];
                }
            }
            else if (table == Tables.Directives || table == Tables.Waivers)
            {
                if (_stream is not null)
                {
                    throw new ExportNotStreamableException($"{_file}: {table.Name} after the units");
                }

                (table == Tables.Directives ? _directives : _waivers).Add(record);
            }
            else
            {
                _sinkOf[table].Add(record);
            }
        }

        /// <summary>Read unit by unit: the units begin, every directive and waiver having been taken.
        /// <paramref name="reader"/> is where the file's own problems go as they are found (the units' among them);
        /// <paramref name="before"/> those found so far that are not in it yet.</summary>
        public void BeginUnits(List<Diagnostic> reader, IEnumerable<Diagnostic> before)
        {
            if (_emit is null || _stream is not null)
            {
                throw new InvalidOperationException("BeginUnits is for a read unit by unit, once");
            }

            _stream = new Streaming(this, reader, before.Any(_units.StopsEveryUnit));
        }

        /// <summary>Read unit by unit: the units end; the last is checked and handed on.</summary>
        public void EndUnits() => _stream?.Close();

        /// <summary>The export, once every record is taken. <paramref name="diagnostics"/> holds the file's own problems,
        /// in the order they were found; a file error among them stops every unit.</summary>
        public Export Assemble(string source, List<Diagnostic> diagnostics)
        {
            if (_emit is not null)
            {
                return AssembleStreamed(source, diagnostics);
            }

            if (diagnostics.Any(x => x.Severity == Severity.FileError))
            {
                return FileErrors(source, diagnostics, _options);
            }

            var counts = Counts(diagnostics);
            var all = new ExportAssembler(diagnostics, _options, _locators);
            all.ReadDirectives(all.Parse(RawTable.Of(Tables.Directives, _file, _directives, _directives.Count > 0, _locate), RowParsers.Directive, null), _buckets, counts);
            all.ReadWaivers(all.Parse(RawTable.Of(Tables.Waivers, _file, _waivers, _waivers.Count > 0, _locate), RowParsers.Waiver, null), _buckets, counts);
            return all.Complete(source, _buckets, counts);
        }

        /// <summary>The units' and rows' diagnostics appended to <paramref name="diagnostics"/>, in the whole read's
        /// order; the rows taken per table.</summary>
        private Dictionary<string, int> Counts(List<Diagnostic> diagnostics)
        {
            var counts = new Dictionary<string, int> { [Tables.Units.Name] = _unitCount };
            diagnostics.AddRange(_units._d);
            for (var i = 0; i < Children.Length; i++)
            {
                counts[Children[i].Table.Name] = _sinks[i].Finish();
                diagnostics.AddRange(_lists[i]);
            }

            return counts;
        }

        /// <summary>The end of a read unit by unit: the export the whole read gives, but with the valid units' ids only.
        /// The directives and waivers are judged again, as the whole read judges them, now that every unit is known:
        /// their diagnostics come from that, and what each unit was given must be what it gives.</summary>
        /// <exception cref="ExportNotStreamableException">An error was found that concerns a unit already handed on.</exception>
        private Export AssembleStreamed(string source, List<Diagnostic> diagnostics)
        {
            var stream = _stream;
            stream?.Close();
            var handed = stream?.Handed ?? [];
            if (diagnostics.Any(x => x.Severity == Severity.FileError))
            {
                return handed.Count > 0 ? throw NotStreamable("a file error") : FileErrors(source, diagnostics, _options) with { StreamedUnitIds = [] };
            }

            var counts = Counts(diagnostics);
            var all = new ExportAssembler(diagnostics, _options, _locators);
            all.ReadDirectives(stream?.DirectiveEntries ?? [], _buckets, counts);
            all.ReadWaivers(stream?.WaiverEntries ?? [], _buckets, counts);
            if (stream is not null)
            {
                foreach (var (id, fingerprint) in stream.Given)
                {
                    if (Streaming.Fingerprint(_buckets[id]) != fingerprint)
                    {
                        throw NotStreamable($"unit {id} was given other directives or waivers than the whole read gives it");
                    }
                }

                diagnostics.AddRange(stream.Checks);
            }

            var final = Finish(diagnostics, _options);
            if (final.Any(x => x.Severity == Severity.FileError))
            {
                return handed.Count > 0 ? throw NotStreamable("a file error") : new Export(source, [], [], final, counts) { StreamedUnitIds = [] };
            }

            var errorsByUnit = final.Where(x => x.Severity == Severity.RowError && x.UnitId is not null && _buckets.ContainsKey(x.UnitId))
                .ToLookup(x => x.UnitId!);
            var given = handed.ToHashSet(StringComparer.Ordinal);
            if (given.Any(errorsByUnit.Contains))
            {
                throw NotStreamable("an error of a unit already handed on");
            }

            var invalid = _buckets.Values.Where(b => !given.Contains(b.Id)).OrderBy(b => b.Order).ToArray();
            if (invalid.Any(b => b.Unit is not null && !errorsByUnit.Contains(b.Id)))
            {
                throw NotStreamable("a valid unit that was not handed on");
            }

            return new Export(source, [], [.. invalid.Select(b => new InvalidUnit(b.Id, b.Name, b.Order, errorsByUnit[b.Id].ToArray()))], final, counts)
            {
                StreamedUnitIds = handed,
            };

            ExportNotStreamableException NotStreamable(string what) => new($"{_file}: {what} was found after units were handed on");
        }

        /// <summary>The state of a read unit by unit, from the first unit on: the unit being read, what was handed on, and
        /// which directives and waivers each unit takes, worked out from them once, as the whole read would give them.</summary>
        private sealed class Streaming
        {
            private readonly Nested _nested;
            private readonly Errors _errors;
            private readonly bool _stopsEveryUnit;
            private readonly List<(int At, DirectiveRow Row)> _allDirectives = [];
            private readonly Dictionary<string, List<(int At, DirectiveRow Row)>> _unitDirectives = new(StringComparer.Ordinal);
            private readonly List<(int At, WaiverRow Row)> _allWaivers = [];
            private readonly Dictionary<string, List<(int At, WaiverRow Row)>> _unitWaivers = new(StringComparer.Ordinal);
            private readonly HashSet<string> _unitsWithErrors = new(StringComparer.Ordinal);

            public Streaming(Nested nested, List<Diagnostic> reader, bool stopsEveryUnit)
            {
                _nested = nested;
                var options = nested._options;
                DirectiveEntries = [.. nested._units.Parse(RawTable.Of(Tables.Directives, nested._file, nested._directives, nested._directives.Count > 0, nested._locate), RowParsers.Directive, null)];
                WaiverEntries = [.. nested._units.Parse(RawTable.Of(Tables.Waivers, nested._file, nested._waivers, nested._waivers.Count > 0, nested._locate), RowParsers.Waiver, null)];
                nested._directives.Clear();
                nested._waivers.Clear();
                _errors = new Errors([reader, nested._units._d, .. nested._lists, Checks], options.Strict);
                _stopsEveryUnit = stopsEveryUnit | Plan();
            }

            public List<Entry<DirectiveRow>> DirectiveEntries { get; }

            public List<Entry<WaiverRow>> WaiverEntries { get; }

            /// <summary>The units' cross-checks, in unit order.</summary>
            public List<Diagnostic> Checks { get; } = [];

            /// <summary>The unit being read; null before the first and for one with a blank id.</summary>
            public Bucket? Open { get; set; }

            public List<string> Handed { get; } = [];

            /// <summary>What each unit handed on was given of the directives and waivers (<see cref="Fingerprint"/>).</summary>
            public Dictionary<string, (int, int, int)> Given { get; } = new(StringComparer.Ordinal);

            /// <summary>Works out what <see cref="ReadDirectives"/> and <see cref="ReadWaivers"/> will give each unit and
            /// which units they will give an error. True when they will stop every unit.</summary>
            private bool Plan()
            {
                var strict = _nested._options.Strict;
                var stops = false;
                void Mark(Diagnostic[]? diagnostics)
                {
                    foreach (var d in diagnostics ?? [])
                    {
                        var severity = d.SeverityIn(strict);
                        stops |= severity == Severity.FileError;
                        if (severity == Severity.RowError && !string.IsNullOrEmpty(d.UnitId))
                        {
                            _unitsWithErrors.Add(d.UnitId);
                        }
                    }
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < DirectiveEntries.Count; i++)
                {
                    var e = DirectiveEntries[i];
                    Mark(e.Diagnostics);
                    if (e.Row is not { } row)
                    {
                        continue;
                    }

                    if (!seen.Add(row.DirectiveId))
                    {
                        // A duplicate id: a file error of every unit, or a row error of its own.
                        stops |= row.UnitId is null;
                        _unitsWithErrors.Add(row.UnitId ?? "");
                        continue;
                    }

                    Into(row.UnitId, _allDirectives, _unitDirectives).Add((i, row));
                }

                for (var i = 0; i < WaiverEntries.Count; i++)
                {
                    var e = WaiverEntries[i];
                    Mark(e.Diagnostics);
                    if (e.Row is not { } row)
                    {
                        continue;
                    }

                    if (row.UnitId is null)
                    {
                        if (_nested._units.KindOf(null, row.ItemId) != WaiverTarget.Item)
                        {
                            stops = true;
                            continue;
                        }

                        stops |= strict && _nested._units.Expired(row); // a warning of no unit
                    }

                    Into(row.UnitId, _allWaivers, _unitWaivers).Add((i, row));
                }

                return stops;
            }

            private static List<(int, T)> Into<T>(string? unit, List<(int, T)> all, Dictionary<string, List<(int, T)>> byUnit) =>
                unit is null ? all : byUnit.TryGetValue(unit, out var list) ? list : byUnit[unit] = [];

            /// <summary>Gives the unit being read its rows, directives and waivers, checks it, hands it on if it is valid,
            /// and lets its rows go.</summary>
            public void Close()
            {
                if (Open is not { } b)
                {
                    return;
                }

                Open = null;
                foreach (var sink in _nested._sinks)
                {
                    sink.Close();
                }

                new ExportAssembler(Checks, _nested._options, _nested._locators).CheckUnit(b);
                var hasError = _unitsWithErrors.Contains(b.Id);
                Merge(_allDirectives, _unitDirectives.GetValueOrDefault(b.Id), b.Directives);
                var own = new List<(int, WaiverRow)>();
                foreach (var (at, row) in _unitWaivers.GetValueOrDefault(b.Id) ?? [])
                {
                    if (_nested._units.KindOf(b.Unit, row.ItemId) != WaiverTarget.Item)
                    {
                        hasError = true;
                        continue;
                    }

                    hasError |= _nested._options.Strict && _nested._units.Expired(row); // a warning of the unit
                    own.Add((at, row));
                }

                Merge(_allWaivers, own, b.Waivers);
                _errors.Scan();
                if (b.Unit is not null && !hasError && !_stopsEveryUnit && !_errors.AnyFileError && !_errors.Contains(b.Id))
                {
                    _nested._emit!(new UnitRecord(b.Unit, b.Members, b.Sessions, b.Attendance, b.Speeches, b.Outputs,
                        b.Documents, b.Events, b.Directives, b.Reviews, b.Waivers));
                    Handed.Add(b.Id);
                    Given[b.Id] = Fingerprint(b);
                }

                _nested._buckets[b.Id] = new Bucket(b.Id, b.Order) { Unit = b.Unit, Name = b.Name };
            }

            /// <summary>The rows of both lists in file order.</summary>
            private static void Merge<T>(List<(int At, T Row)> a, List<(int At, T Row)>? b, List<T> into)
            {
                b ??= [];
                int i = 0, j = 0;
                while (i < a.Count || j < b.Count)
                {
                    into.Add(j >= b.Count || (i < a.Count && a[i].At < b[j].At) ? a[i++].Row : b[j++].Row);
                }
            }

            /// <summary>Which directives and waivers a bucket holds, in order.</summary>
            public static (int, int, int) Fingerprint(Bucket b)
            {
                var hash = new HashCode();
                foreach (var d in b.Directives)
                {
                    hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(d));
                }

                foreach (var w in b.Waivers)
                {
                    hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(w));
                }

                return (b.Directives.Count, b.Waivers.Count, hash.ToHashCode());
            }
        }
    }

    private static List<Diagnostic> Finish(List<Diagnostic> diagnostics, ReadOptions options) =>
        options.Strict ? diagnostics.Select(x => x.Escalated()).ToList() : diagnostics;

    private void Report<T>(in Entry<T> e) where T : class
    {
        if (e.Diagnostics is not null)
        {
            _d.AddRange(e.Diagnostics);
        }
    }

    private Dictionary<string, Bucket> Buckets(IEnumerable<Entry<UnitRow>> units, Dictionary<string, int> counts)
    {
        var buckets = new Dictionary<string, Bucket>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = 0;
        foreach (var e in units)
        {
            n++;
            AddUnit(e, buckets, firstLine);
        }

        counts[Tables.Units.Name] = n;
        return buckets;
    }

    /// <summary>Makes the bucket of a unit's row, or reports why it gets none: a blank id or one already taken.</summary>
    private void AddUnit(in Entry<UnitRow> e, Dictionary<string, Bucket> buckets, Dictionary<string, int> firstLine)
    {
        Report(e);
        var id = e.UnitId;
        if (id.Length == 0)
        {
            return; // already reported as a blank required value, attributable to no unit
        }

        if (firstLine.TryGetValue(id, out var first))
        {
            Add(Severity.RowError, e.Source, "unit_id", id, Messages.DuplicateId, id, Str(first));
            return;
        }

        firstLine[id] = e.Source.Line;
        buckets[id] = new Bucket(id, buckets.Count) { Unit = e.Row, Name = e.Row?.UnitName };
    }

    /// <summary>Puts each row in its unit's bucket, as the rows are read (<see cref="Filler{T}"/>).</summary>
    private void Fill<T>(TableSchema table, IEnumerable<Entry<T>> entries, Dictionary<string, Bucket> buckets, Func<Bucket, List<T>> list,
        Dictionary<string, int> counts, Func<Bucket, Dictionary<string, int>>? ids)
        where T : class
    {
        var filler = new Filler<T>(this, buckets, list, ids);
        foreach (var e in entries)
        {
            filler.Add(e);
        }

        counts[table.Name] = filler.Finish();
    }

    /// <summary>Puts rows of one table in their units' buckets, one at a time. With <c>ids</c>, also numbers the ids the
    /// rows name (bad rows too), which the cross-checks look references up in.</summary>
    /// <remarks>Rows usually come unit by unit: a unit's consecutive rows are gathered in one scratch list and added to
    /// its list at once, which then takes exactly their number (growing a list row by row allocated three times the
    /// room the rows need, 41 MB of arrays for the attendance of 20,000 units).</remarks>
    private sealed class Filler<T>(ExportAssembler into, Dictionary<string, Bucket> buckets, Func<Bucket, List<T>> list,
        Func<Bucket, Dictionary<string, int>>? ids)
        where T : class
    {
        private readonly List<T> _run = [];
        private readonly List<string> _keys = [];
        private Bucket? _last;
        private int _count;

        public void Add(in Entry<T> e)
        {
            _count++;
            into.Report(e);
            if (e.UnitId.Length == 0)
            {
                return; // reported by the parser as a blank required value
            }

            // Rows usually come unit by unit: try the previous row's unit before the dictionary.
            var b = _last is not null && (ReferenceEquals(_last.Id, e.UnitId) || _last.Id == e.UnitId) ? _last : buckets.GetValueOrDefault(e.UnitId);
            if (b is null)
            {
                into.Add(Severity.RowError, e.Source, "unit_id", e.UnitId, Messages.UnknownUnit, e.UnitId);
                return;
            }

            if (b != _last)
            {
                Flush(_last, _run, list, _keys, ids);
                _last = b;
            }

            if (e.Key.Length > 0)
            {
                _keys.Add(e.Key);
            }

            if (e.Row is not null)
            {
                _run.Add(e.Row);
            }
        }

        /// <summary>Puts the last unit's rows in its bucket; the number of rows taken.</summary>
        public int Finish()
        {
            Flush(_last, _run, list, _keys, ids);
            return _count;
        }

        /// <summary>Puts the unit's rows in its bucket, which is then let go (a nested export read unit by unit).</summary>
        public void Close()
        {
            Flush(_last, _run, list, _keys, ids);
            _last = null;
        }
    }

    private static void Flush<T>(Bucket? bucket, List<T> run, Func<Bucket, List<T>> list, List<string> keys, Func<Bucket, Dictionary<string, int>>? ids)
    {
        if (bucket is null)
        {
            return;
        }

        if (run.Count > 0)
        {
            list(bucket).AddRange(run);
            run.Clear();
        }

        if (keys.Count == 0)
        {
            return;
        }

        if (ids is null)
        {
            (bucket.SessionsWithBadAttendance ??= new(StringComparer.Ordinal)).UnionWith(keys); // bad attendance rows
        }
        else
        {
            var known = ids(bucket);
            known.EnsureCapacity(known.Count + keys.Count);
            foreach (var key in keys)
            {
                known.TryAdd(key, known.Count);
            }
        }

        keys.Clear();
    }

    private void ReadDirectives(IEnumerable<Entry<DirectiveRow>> entries, Dictionary<string, Bucket> buckets, Dictionary<string, int> counts)
    {
        var n = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<DirectiveRow>();
        foreach (var e in entries)
        {
            n++;
            Report(e);
            if (e.Row is not { } row)
            {
                continue;
            }

            if (seen.TryGetValue(row.DirectiveId, out var first))
            {
                Add(row.UnitId is null ? Severity.FileError : Severity.RowError, e.Source, "directive_id", row.UnitId, Messages.DuplicateId, row.DirectiveId, Str(first));
                continue;
            }

            seen[row.DirectiveId] = e.Source.Line;
            if (row.UnitId is not null && !buckets.ContainsKey(row.UnitId))
            {
                Add(Severity.RowError, e.Source, "unit_id", row.UnitId, Messages.UnknownUnit, row.UnitId);
                continue;
            }

            rows.Add(row);
        }

        counts[Tables.Directives.Name] = n;

        foreach (var row in rows)
        {
            foreach (var b in row.UnitId is null ? buckets.Values.ToList() : [buckets[row.UnitId]])
            {
                b.Directives.Add(row);
            }
        }
    }

    private void ReadWaivers(IEnumerable<Entry<WaiverRow>> entries, Dictionary<string, Bucket> buckets, Dictionary<string, int> counts)
    {
        var n = 0;
        foreach (var e in entries)
        {
            n++;
            Report(e);
            if (e.Row is not { } row)
            {
                continue;
            }

            if (row.UnitId is not null && !buckets.ContainsKey(row.UnitId))
            {
                Add(Severity.RowError, e.Source, "unit_id", row.UnitId, Messages.UnknownUnit, row.UnitId);
                continue;
            }

            var targets = row.UnitId is null ? buckets.Values.ToList() : [buckets[row.UnitId]];
            if (KindOf(row.UnitId is null ? null : targets[0].Unit, row.ItemId) is var kind && kind != WaiverTarget.Item)
            {
                var msg = kind == WaiverTarget.NotWaivable ? Messages.WaiverNotWaivable : Messages.WaiverUnknownItem;
                Add(row.UnitId is null ? Severity.FileError : Severity.RowError, e.Source, "item_id", row.UnitId, msg, row.ItemId);
                continue;
            }

            if (Expired(row))
            {
                // An expired waiver is ignored for scoring but kept, so the scorecard can say why it did not apply.
                Add(Severity.Warning, e.Source, "expires", row.UnitId, Messages.WaiverExpired, row.ItemId, ValueParser.Format(row.Expires!.Value));
            }

            foreach (var b in targets)
            {
                b.Waivers.Add(row);
            }
        }

        counts[Tables.Waivers.Name] = n;
    }

    /// <summary>What the rubric makes of a waiver of <paramref name="item"/> for <paramref name="unit"/> (null: a waiver
    /// of every unit): an item it scores, or one it cannot waive; without a rubric to ask, an item.</summary>
    private WaiverTarget KindOf(UnitRow? unit, string item) => _options.ClassifyWaiverItem?.Invoke(unit, item) ?? WaiverTarget.Item;

    /// <summary>Whether a waiver expired before the read's date (a warning: it is kept, and does not apply).</summary>
    private bool Expired(WaiverRow row) => row.Expires is { } expires && expires < _options.AsOf;

    private void CheckUnit(Bucket b)
    {
        var unitId = b.Unit?.UnitId;
        CheckDuplicates(b.Members, m => m.MemberId, "member_id", m => m.Source);
        CheckDuplicates(b.Sessions, s => s.SessionId, "session_id", s => s.Source);
        CheckDuplicates(b.Outputs, o => o.OutputId, "output_id", o => o.Source);
        CheckDuplicates(b.Documents, x => x.DocId, "doc_id", x => x.Source);
        CheckDuplicates(b.Events, x => x.EventId, "event_id", x => x.Source);

        MemberRow? secretary = null;
        foreach (var m in b.Members.Where(m => (m.Roles & MemberRole.Secretary) != 0))
        {
            if (secretary is null)
            {
                secretary = m;
            }
            else
            {
                Row(m.Source, "role", m.UnitId, Messages.SecondSecretary, m.MemberId, secretary.MemberId);
            }
        }

        // Ids are looked up by their number in the unit (see Bucket), so a (session, member) pair is one cell of a
        // grid, or one long in a dictionary for a unit too large for the grid.
        var sessionCount = b.SessionIds.Count;
        var cells = (long)sessionCount * b.MemberIds.Count;
        int[]? grid = null;
        Dictionary<long, int>? pairs = null;
        if (cells <= GridCells)
        {
            grid = _scratchGrid ??= new int[GridCells];
            grid.AsSpan(0, (int)cells).Clear();
        }
        else
        {
            pairs = _scratchPairs ??= [];
            pairs.Clear();
        }

        Dictionary<(string, string), int>? unknownPairs = null;
        var inGroup = new bool[b.MemberIds.Count];
        var groupSize = 0;
        foreach (var m in b.Members)
        {
            if (m.IsGroupMember && b.MemberIds.TryGetValue(m.MemberId, out var number) && !inGroup[number])
            {
                inGroup[number] = true;
                groupSize++;
            }
        }

        var present = new int[sessionCount];
        var last = new SessionMemo();
        for (var i = 0; i < b.Attendance.Count; i++)
        {
            var a = b.Attendance[i];
            int first;
            if (CheckRefs(b, ref last, a.Source, a.UnitId, a.SessionId, a.MemberId, out var session, out var member))
            {
                if (inGroup[member])
                {
                    present[session]++;
                }

                if (grid is not null)
                {
                    ref var cell = ref grid[(session * b.MemberIds.Count) + member];
                    if (cell == 0)
                    {
                        cell = i + 1;
                        continue;
                    }

                    first = b.Attendance[cell - 1].Source.Line;
                }
                else
                {
                    if (pairs!.TryAdd(((long)session << 32) | (uint)member, a.Source.Line))
                    {
                        continue;
                    }

                    first = pairs[((long)session << 32) | (uint)member];
                }
            }
            else
            {
                unknownPairs ??= [];
                if (unknownPairs.TryAdd((a.SessionId, a.MemberId), a.Source.Line))
                {
                    continue;
                }

                first = unknownPairs[(a.SessionId, a.MemberId)];
            }

            Row(a.Source, "member_id", a.UnitId, Messages.DuplicatePair, a.SessionId, a.MemberId, Str(first));
        }

        if (pairs?.Count > LargeScratch)
        {
            _scratchPairs = null; // Clear() costs the capacity: one huge unit must not slow every later one
        }

        last = new SessionMemo();
        foreach (var s in b.Speeches)
        {
            CheckRefs(b, ref last, s.Source, s.UnitId, s.SessionId, s.MemberId, out _, out _);
        }

        foreach (var o in b.Outputs.Where(o => o.MemberId is not null && !b.MemberIds.ContainsKey(o.MemberId)))
        {
            Row(o.Source, "member_id", o.UnitId, Messages.UnknownMember, o.MemberId!);
        }

        foreach (var s in b.Sessions.Where(s => s.HostId is not null && !b.MemberIds.ContainsKey(s.HostId)))
        {
            Warn(s.Source, "host_id", s.UnitId, Messages.UnknownPerson, s.HostId!);
        }

        foreach (var x in b.Documents.Where(x => x.ApprovedBy is not null && !b.MemberIds.ContainsKey(x.ApprovedBy)))
        {
            Warn(x.Source, "approved_by", x.UnitId, Messages.UnknownPerson, x.ApprovedBy!);
        }

        if (b.Unit is null)
        {
            return; // no year to judge dates by
        }

        var year = new StudyYear(b.Unit.Year);
        var y = Str(year.Year);
        foreach (var s in b.Sessions.Where(s => !year.InYear(s.Date)))
        {
            Warn(s.Source, "date", unitId, Messages.SessionOutOfYear, ValueParser.Format(s.Date), y);
        }

        foreach (var (source, date) in b.Outputs.Select(o => (o.Source, o.Date)).Concat(b.Events.Select(e => (e.Source, e.Date))))
        {
            if (date is null)
            {
                Warn(source, "date", unitId, Messages.BlankDateInYear, y);
            }
            else if (!year.InYear(date.Value))
            {
                Warn(source, "date", unitId, Messages.OutOfYear, ValueParser.Format(date.Value), y);
            }
        }

        foreach (var x in b.Documents.Where(x => x.Date is null))
        {
            Warn(x.Source, "date", unitId, Messages.BlankDocDate);
        }

        if (groupSize == 0)
        {
            return;
        }

        foreach (var s in b.Sessions)
        {
            var missing = groupSize - present[b.SessionIds[s.SessionId]];
            if (missing > 0 && year.InYear(s.Date) && b.SessionsWithBadAttendance?.Contains(s.SessionId) != true)
            {
                Warn(s.Source, "session_id", unitId, Messages.MissingAttendance, s.SessionId, Str(missing));
            }
        }
    }

    /// <summary>The session id of the previous attendance or speech row and what it was found to be: a unit's rows
    /// usually come session by session, so most rows skip the lookup.</summary>
    private struct SessionMemo
    {
        public string? Id;
        public int Number;
        public bool Known;
    }

    /// <summary>Reports a session or member id the unit does not have; true when both are known, with their numbers.</summary>
    private bool CheckRefs(Bucket b, ref SessionMemo last, RowSource source, string unitId, string sessionId, string memberId, out int session, out int member)
    {
        bool sessionKnown;
        if (last.Id is { } previous && (ReferenceEquals(previous, sessionId) || previous == sessionId))
        {
            session = last.Number;
            sessionKnown = last.Known;
        }
        else
        {
            sessionKnown = b.SessionIds.TryGetValue(sessionId, out session);
            last = new SessionMemo { Id = sessionId, Number = session, Known = sessionKnown };
        }

        if (!sessionKnown)
        {
            Row(source, "session_id", unitId, Messages.UnknownSession, sessionId);
        }

        var memberKnown = b.MemberIds.TryGetValue(memberId, out member);
        if (!memberKnown)
        {
            Row(source, "member_id", unitId, Messages.UnknownMember, memberId);
        }

        return sessionKnown && memberKnown;
    }

    private void CheckDuplicates<T>(List<T> rows, Func<T, string> id, string column, Func<T, RowSource> source)
    {
        if (rows.Count < 2)
        {
            return;
        }

        var seen = _scratchIds ??= new Dictionary<string, int>(StringComparer.Ordinal);
        seen.Clear();
        foreach (var r in rows)
        {
            var s = source(r);
            if (!seen.TryAdd(id(r), s.Line))
            {
                Row(s, column, UnitOf(r), Messages.DuplicateId, id(r), Str(seen[id(r)]));
            }
        }

        if (seen.Count > LargeScratch)
        {
            _scratchIds = null;
        }
    }

    private static string? UnitOf<T>(T row) => row switch
    {
        MemberRow m => m.UnitId,
        SessionRow s => s.UnitId,
        OutputRow o => o.UnitId,
        DocumentRow d => d.UnitId,
        EventRow e => e.UnitId,
        _ => null,
    };

    private void Row(RowSource s, string column, string? unit, MessageTemplate m, params string[] args) =>
        Add(Severity.RowError, s, column, unit, m, args);

    private void Warn(RowSource s, string column, string? unit, MessageTemplate m, params string[] args) =>
        Add(Severity.Warning, s, column, unit, m, args);

    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);

}
