using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
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

    private static readonly string[] UnitChildProperties = [.. UnitChildren.Select(c => c.Property)];

    private static readonly string[] SessionChildProperties = [.. SessionChildren.Select(c => c.Property)];

    private static readonly string[] ListColumns = ["role", "content_tags", "directive_ids"];

    /// <summary>The camelCase property name of a column, e.g. <c>unit_id</c> → <c>unitId</c>.</summary>
    public static string PropertyName(string column)
    {
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>Reads and checks a JSON export; never throws for bad content.</summary>
    /// <remarks>Each unit is typed as it is read, so what is held is the typed rows, not the text nor the records. A
    /// file on disk is read as it streams from disk, in its encoding; any other (a pipe) is read whole first. Bytes that
    /// are no text in the file's encoding are a file error naming the encoding, found as the file streams.</remarks>
    public static Export Read(string path, ReadOptions? options = null)
    {
        options ??= ReadOptions.Default;
        var file = Path.GetFileName(path);
        return Streamed(path, file, options) ?? Whole(path, file, options);
    }

    /// <summary>Reads the export unit by unit, so that memory does not grow with the units: each valid unit is handed to
    /// <paramref name="onUnit"/>, in file order, as soon as the next unit begins, and is then dropped. This needs a file
    /// on disk, in any encoding the whole read takes (a byte-order mark's, the one asked for, UTF-8, GB18030). Its
    /// <c>directives</c> and <c>waivers</c> apply across units: a file that does not give both before its <c>units</c>
    /// (as <c>assess convert</c> writes them) is read twice, first for them alone.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="options">Encoding, strictness and waiver checks; null for the defaults.</param>
    /// <param name="onUnit">Called on the calling thread for each valid unit, in order.</param>
    /// <returns>The export as <see cref="Read(string, ReadOptions?)"/> returns it, with the same diagnostics and invalid
    /// units, but with <see cref="Export.Units"/> empty: the valid units' ids are in <see cref="Export.StreamedUnitIds"/>.</returns>
    /// <exception cref="ExportNotStreamableException">The file cannot be read unit by unit: it is not on disk, its bytes
    /// are no text in its encoding, a unit id is listed twice, or an error was found that concerns a unit already handed
    /// on (a syntax error, say, or bytes that are not UTF-8 first found after UTF-8 units were handed on). The units
    /// handed on must be discarded; <see cref="Read(string, ReadOptions?)"/> reads such a file again, keeping its units,
    /// and says what is wrong with it.</exception>
    public static Export Stream(string path, ReadOptions? options, Action<UnitRecord> onUnit)
    {
        ArgumentNullException.ThrowIfNull(onUnit);
        options ??= ReadOptions.Default;
        var file = Path.GetFileName(path);
        Given? given = null;
        var (unitsFirst, notUtf8) = (false, false);
        while (true)
        {
            var diagnostics = new List<Diagnostic>();
            var handed = false;
            var rows = new ExportAssembler.Nested(file, Locate, options, u =>
            {
                handed = true;
                onUnit(u);
            });
            Reader? reader = null;
            var guessedUtf8 = false;
            try
            {
                if (unitsFirst && given is null)
                {
                    given = DirectivesAndWaivers(path, file, options, notUtf8, out guessedUtf8);
                }

                using var text = OpenText(path, options, notUtf8, out guessedUtf8) ?? throw new ExportNotStreamableException($"{file}: not a file on disk within the size limit");
                reader = new Reader(file, diagnostics, rows, given);
                reader.Read(text);
            }
            catch (ExportNotStreamableException) when (reader is { UnitsFirst: true } && !unitsFirst)
            {
                // The units came before the directives or the waivers (nothing was handed on): they are found first.
                unitsFirst = true;
                continue;
            }
            catch (System.Text.DecoderFallbackException) when (guessedUtf8 && !handed)
            {
                // Bytes that are not UTF-8 past the first megabyte: the whole read would decode the file as GB18030.
                notUtf8 = true;
                continue;
            }
            catch (Exception e) when (e is JsonReaderException or System.Text.DecoderFallbackException or IOException or UnauthorizedAccessException)
            {
                // The whole read says what is wrong: a syntax error, bytes that are no text in the encoding (or, past
                // units handed on, not UTF-8), a failed read. Bytes that are no text in the encoding the whole read
                // would choose are all it would say: not UTF-8 guessed, or, guessed, not GB18030 either.
                throw new ExportNotStreamableException($"{file}: {e.Message}", e)
                {
                    NoText = e is System.Text.DecoderFallbackException && (!guessedUtf8 || !TextDecoder.MayBeGb18030(path)),
                };
            }

            return rows.Assemble(path, diagnostics);
        }
    }

    /// <summary>The directives and waivers of a file, which apply across units, read before its units are.</summary>
    private sealed record Given(Node? Directives, Node? Waivers);

    /// <summary>Reads a file for its directives and waivers alone, skipping everything else (a first pass for a file that
    /// gives them after its units: about a third of the time of a read unit by unit). Its syntax errors, and a top-level
    /// name given twice, are found before any unit is handed on; a name given twice inside a unit only when the unit
    /// is read.</summary>
    /// <remarks>The file is opened as <see cref="OpenText"/> opens it (<c>notUtf8</c>, <c>guessedUtf8</c>).</remarks>
    /// <exception cref="ExportNotStreamableException">The file cannot be read so: the whole read says why.</exception>
    /// <exception cref="System.Text.DecoderFallbackException">Bytes that are no text in the encoding.</exception>
    private static Given DirectivesAndWaivers(string path, string file, ReadOptions options, bool notUtf8, out bool guessedUtf8)
    {
        guessedUtf8 = false;
        try
        {
            using var text = OpenText(path, options, notUtf8, out guessedUtf8) ?? throw new ExportNotStreamableException($"{file}: not a file on disk within the size limit");
            using var json = Tokens(text);
            var trees = new TreeReader();
            Node? directives = null, waivers = null;
            var names = new HashSet<string>();
            if (Next(json) && json.TokenType == JsonToken.StartObject)
            {
                while (Next(json) && json.TokenType == JsonToken.PropertyName)
                {
                    var name = (string)json.Value!;
                    if (!names.Add(name))
                    {
                        throw Error(json, $"Property with the name '{name}' already exists in the current JSON object.");
                    }

                    Next(json);
                    switch (name)
                    {
                        case "directives":
                            directives = trees.Load(json);
                            break;
                        case "waivers":
                            waivers = trees.Load(json);
                            break;
                        default:
                            json.Skip();
                            break;
                    }
                }
            }

            return new(directives, waivers);
        }
        catch (Exception e) when (e is JsonReaderException or IOException or UnauthorizedAccessException)
        {
            throw new ExportNotStreamableException($"{file}: {e.Message}", e);
        }
    }

    /// <summary>Json.NET's reader of a JSON export's text, with the settings every read uses.</summary>
    private static JsonTextReader Tokens(TextReader text)
    {
        var known = new DefaultJsonNameTable();
        foreach (var name in Names)
        {
            known.Add(name);
        }

        return new JsonTextReader(text)
        {
            CloseInput = false, FloatParseHandling = FloatParseHandling.Decimal, DateParseHandling = DateParseHandling.None, PropertyNameTable = known,
        };
    }

    /// <summary>The property names an export uses, so that Json.NET gives each the same string instead of a new one per
    /// property (2.75 million rows of about six properties at 20,000 units). A name not listed is read as before.</summary>
    private static readonly string[] Names =
        [.. Tables.All.SelectMany(t => t.Columns).Select(c => PropertyName(c.Name)).Concat(UnitChildProperties).Concat(SessionChildProperties)
            .Concat(["units", "directives", "waivers", "tool", "version", "$schema"]).Distinct()];

    /// <summary>The next token that is not a comment.</summary>
    private static bool Next(JsonReader json)
    {
        while (json.Read())
        {
            if (json.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How much of a file's start shows whether it is UTF-8 before it is read (a GB18030 export has Chinese
    /// words in its first unit, which takes about 25 KB).</summary>
    private const int SniffBytes = 1 << 20;

    /// <summary>A file on disk, its text decoded as it streams from disk, in the encoding the whole read would decode it
    /// from (<see cref="Open"/>, <see cref="TextDecoder.TryDecode"/>): a byte-order mark's (UTF-8, UTF-16LE, UTF-16BE);
    /// else the one asked for; else UTF-8, unless bytes that are not UTF-8 are found in its first megabyte or
    /// <paramref name="notUtf8"/> says they were found later, and then GB18030. The decoders throw on bytes that are not
    /// valid text, where the whole read reports the encoding (one asked for decodes as it was made to, as it does
    /// there). Null for a file that cannot be read so (a pipe, an
    /// empty file, one over the size limit) or cannot be opened: the whole read says what it is.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The encoding asked for, and the size limit.</param>
    /// <param name="notUtf8">Bytes that are not UTF-8 were found further on in an earlier read.</param>
    /// <param name="guessedUtf8">Whether UTF-8 was chosen only because nothing else was found: if bytes that are not
    /// UTF-8 come later, the file is GB18030 and is to be read again so.</param>
    private static StreamReader? OpenText(string path, ReadOptions options, bool notUtf8, out bool guessedUtf8)
    {
        guessedUtf8 = false;
        FileStream? stream = null;
        try
        {
            if (InputFile.Length(path) is var length && (length <= 0 || length > Math.Min(options.Limits.MaxFileBytes, Array.MaxLength)))
            {
                return null;
            }

            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var head = new byte[(int)Math.Min(length, SniffBytes)];
            var got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var start = head.AsSpan(0, got);
            // The whole read's choice: a mark's encoding, or the one asked for, or UTF-8 and else GB18030, which here the
            // first megabyte decides (or bytes found further on in an earlier read).
            var candidates = TextDecoder.Candidates(start, options.Encoding);
            guessedUtf8 = candidates.Count > 1 && !notUtf8 && IsUtf8Start(start, finalBlock: got == length);
            var (encoding, skip, _) = candidates.Count == 1 || guessedUtf8 ? candidates[0] : candidates[1];
            if (encoding.Preamble.Length > 0 && start[skip..].StartsWith(encoding.Preamble))
            {
                stream.Dispose();
                return null; // a mark the whole read keeps as text, which a StreamReader would drop
            }

            stream.Position = skip;
            return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            return null; // reported by the whole read
        }
    }

    /// <summary>Whether the bytes begin a UTF-8 text (a character cut at their end is no sign either way unless they
    /// are the whole file).</summary>
    private static bool IsUtf8Start(ReadOnlySpan<byte> bytes, bool finalBlock) =>
        System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out _, out _, replaceInvalidSequences: false, isFinalBlock: finalBlock)
            is not System.Buffers.OperationStatus.InvalidData;

    /// <summary>A file on disk, read as it streams from disk: its bytes are not held (486 MB for 20,000 units). Null for
    /// any other (see <see cref="OpenText"/>): the caller reads it whole. A file taken for UTF-8 in which bytes that are
    /// not UTF-8 come later is read again as GB18030, as the whole read would decode it; one that turns out to be no
    /// text in the encoding it is read in gives that file error alone (<see cref="ReadNoText"/>).</summary>
    private static Export? Streamed(string path, string file, ReadOptions options)
    {
        for (var notUtf8 = false; ; notUtf8 = true)
        {
            var diagnostics = new List<Diagnostic>();
            var rows = new ExportAssembler.Nested(file, Locate, options);
            var guessedUtf8 = false;
            try
            {
                using var text = OpenText(path, options, notUtf8, out guessedUtf8);
                if (text is null)
                {
                    return null;
                }

                try
                {
                    new Reader(file, diagnostics, rows).Read(text);
                }
                catch (JsonReaderException e)
                {
                    // A syntax error may be none in the file's real encoding, or the file no text at all: the rest of
                    // it is read to find out (an invalid byte throws, and the file is read again or whole).
                    var rest = new char[1 << 16];
                    while (text.Read(rest) > 0)
                    {
                    }

                    diagnostics.Clear();
                    diagnostics.Add(BadJson(file, e));
                }
            }
            catch (System.Text.DecoderFallbackException) when (guessedUtf8)
            {
                continue;
            }
            catch (System.Text.DecoderFallbackException)
            {
                // No text in the encoding the whole read would choose: the units read are dropped, and the bytes are
                // looked at as the file streams, not read whole (974 MB beside the units read until then).
                return ReadNoText(path, options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Clear();
                diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.FileUnreadable, [e.Message]));
            }

            return rows.Assemble(path, diagnostics);
        }
    }

    /// <summary>A JSON export on disk whose bytes are no text in the encoding it would be read in
    /// (<see cref="ExportNotStreamableException.NoText"/>): its one file error, found as the file streams from disk, as
    /// <see cref="Read"/> gives it.</summary>
    internal static Export ReadNoText(string path, ReadOptions options)
    {
        var file = Path.GetFileName(path);
        var diagnostics = new List<Diagnostic>();
        try
        {
            using var bytes = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
            diagnostics.Add(BadEncoding(file, bytes, options.Encoding));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.FileUnreadable, [e.Message]));
        }

        return new ExportAssembler.Nested(file, Locate, options).Assemble(path, diagnostics);
    }

    /// <summary>A file read whole first: its bytes are decoded from whatever encoding they are in.</summary>
    private static Export Whole(string path, string file, ReadOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var rows = new ExportAssembler.Nested(file, Locate, options);
        try
        {
            if (InputFile.KindOf(path) == InputFile.Kind.Device)
            {
                diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.NotRegularFile, []));
            }
            else if (InputFile.ReadAll(path, options.Limits.MaxFileBytes, out var length) is not { } bytes)
            {
                diagnostics.Add(CsvTableReader.TooLarge(file, length, options.Limits));
            }
            else if (Open(bytes, options.Encoding) is not { } text)
            {
                diagnostics.Add(BadEncoding(file, new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false), options.Encoding));
            }
            else
            {
                using (text)
                {
                    new Reader(file, diagnostics, rows).Read(text);
                }
            }
        }
        catch (JsonReaderException e)
        {
            diagnostics.Clear();
            diagnostics.Add(BadJson(file, e));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.FileUnreadable, [e.Message]));
        }

        return rows.Assemble(path, diagnostics);
    }

    /// <summary>The file error of bytes that are no text in the file's encoding: their line, the path of the value they
    /// are in, its column and its unit, found by reading the text before them as JSON (it ends where they begin).
    /// After a whole value, the bad bytes are in the next property's name or between values: the path of what holds them.
    /// The unit is given when its <c>unitId</c> (in any spelling) comes before them.</summary>
    private static Diagnostic BadEncoding(string file, Stream bytes, System.Text.Encoding? forced)
    {
        var bad = TextDecoder.BadBytes(bytes, forced);
        using var json = new JsonTextReader(TextDecoder.TextUpToBadBytes(bytes, bad));
        var (last, unitPath, unit) = (JsonToken.None, (string?)null, (string?)null);
        try
        {
            while (json.Read())
            {
                last = json.TokenType;
                if (json is { TokenType: JsonToken.String, Depth: 3, Value: string id } && json.Path.StartsWith("units[", StringComparison.Ordinal)
                    && json.Path.LastIndexOf('.') is var dot and > 0 && Reader.Column(Tables.Units, json.Path[(dot + 1)..]) == 0)
                {
                    (unitPath, unit) = (json.Path[..dot], id); // unitId, or unit_id or 单位编码
                }
            }
        }
        catch (JsonReaderException)
        {
            // The text ends where the bad bytes begin: where the reader stands is where they are.
        }

        var path = json.Path;
        if (last is not (JsonToken.None or JsonToken.StartObject or JsonToken.StartArray or JsonToken.StartConstructor or JsonToken.PropertyName))
        {
            path = path[..Math.Max(path.LastIndexOfAny(['.', '[']), 0)];
        }

        var inUnit = unitPath is not null && path.StartsWith(unitPath, StringComparison.Ordinal)
            && (path.Length == unitPath.Length || path[unitPath.Length] is '.' or '[');
        return new(Severity.FileError, file, bad.Line, ColumnAt(path), inUnit ? ValueParser.Fold(unit!) : null, Messages.BadEncoding, [bad.Name],
            path.Length == 0 ? null : path);
    }

    /// <summary>The column a path names: its last property, in the table its arrays give
    /// (<c>units[0].sessions[1].attendance[2].status</c> → attendance's <c>status</c>); null when it names none.</summary>
    private static string? ColumnAt(string path)
    {
        static string Name(string part) => part.IndexOf('[') is var i and >= 0 ? part[..i] : part;
        var parts = path.Split('.');
        var table = Name(parts[0]) switch { "units" => Tables.Units, "directives" => Tables.Directives, "waivers" => Tables.Waivers, _ => null };
        for (var i = 1; table is not null && i < parts.Length - 1; i++)
        {
            var children = ReferenceEquals(table, Tables.Units) ? UnitChildren : ReferenceEquals(table, Tables.Sessions) ? SessionChildren : [];
            table = children.FirstOrDefault(c => c.Property == Name(parts[i])).Table;
        }

        return table is null || parts.Length < 2 || Reader.Column(table, Name(parts[^1])) is not (>= 0 and var c) ? null : table.Columns[c].Name;
    }

    /// <summary>A syntax error. Whatever was read before it is dropped: the file is unusable as a whole.</summary>
    private static Diagnostic BadJson(string file, JsonReaderException e) => new(Severity.FileError, file, e.LineNumber, null, null, Messages.BadJson, [e.Message]);

    /// <summary>The file's text: UTF-8 read from the bytes as it is parsed (a province's export is hundreds of megabytes,
    /// twice that as a string); any other encoding first decoded into UTF-8 bytes, a block at a time. Null when the bytes
    /// are not valid text.</summary>
    private static TextReader? Open(ArraySegment<byte> bytes, System.Text.Encoding? forced)
    {
        // (A UTF-16 byte-order mark, FF FE or FE FF, is never valid UTF-8: such a file is decoded below.)
        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var utf8 = bytes[bom..];
        if (!((bom > 0 || forced is null || forced.CodePage == 65001) && System.Text.Unicode.Utf8.IsValid(utf8))
            && !TextDecoder.TryTranscode(bytes, forced, out utf8))
        {
            return null;
        }

        return new StreamReader(new MemoryStream(utf8.Array!, utf8.Offset, utf8.Count, writable: false), new System.Text.UTF8Encoding(false, true),
            detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }

    private static string? Locate(RowSource source, string? column) =>
        source.Anchor is null ? null : column is null ? source.Anchor : $"{source.Anchor}.{PropertyName(column)}";

    private static int LineOf(JToken t) => t is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>A syntax error worded and located as Json.NET words and locates its own.</summary>
    private static JsonReaderException Error(JsonTextReader json, string message) =>
        new($"{message} Path '{json.Path}', line {json.LineNumber}, position {json.LinePosition}.", json.Path, json.LineNumber, json.LinePosition, null);

    /// <summary>A property of a <see cref="Node"/> object: its name, the line of its name, its value.</summary>
    private readonly record struct Property(string Name, int Line, Node Value);

    /// <summary>A JSON value as the reader holds it while it types a unit: its token, its line, and a primitive's value,
    /// an object's properties or an array's items, each in an array of its own size. Json.NET's own tree
    /// (<see cref="JToken"/>) costs an object per value, a property dictionary per object, a line-info annotation per
    /// token and a <see cref="JProperty"/> per property: about 4 s of a 14 s read of 20,000 units.</summary>
    private readonly struct Node(JsonToken token, int line, object? content)
    {
        /// <summary><see cref="JsonToken.StartObject"/>, <see cref="JsonToken.StartArray"/>,
        /// <see cref="JsonToken.StartConstructor"/>, or the token of a primitive value.</summary>
        public JsonToken Token { get; } = token;

        public int Line { get; } = line;

        /// <summary>A primitive's value as Json.NET's reader gives it (a string, a long or BigInteger, a decimal, a bool);
        /// an object's <see cref="Property"/> array; an array's or a constructor's <see cref="Node"/> array.</summary>
        private object? Content { get; } = content;

        /// <summary>A primitive's value; null for an object, array or constructor.</summary>
        public object? Value => Token is JsonToken.StartObject or JsonToken.StartArray or JsonToken.StartConstructor ? null : Content;

        /// <summary>An object's properties in file order; null for any other value.</summary>
        public Property[]? Properties => Token == JsonToken.StartObject ? (Property[])Content! : null;

        /// <summary>An array's (or a constructor's) items in file order; null for any other value.</summary>
        public Node[]? Items => Token is JsonToken.StartArray or JsonToken.StartConstructor ? (Node[])Content! : null;

        /// <summary>The value of the property named exactly <paramref name="name"/>; null when there is none.</summary>
        public Node? Get(string name)
        {
            if (Properties is { } properties)
            {
                foreach (var p in properties)
                {
                    if (p.Name == name)
                    {
                        return p.Value;
                    }
                }
            }

            return null;
        }

        /// <summary>The kind of value as Json.NET names it (<see cref="JTokenType"/>, lower case): "object", "array",
        /// "constructor", "undefined", ….</summary>
        public string Kind => Token switch
        {
            JsonToken.StartObject => "object",
            JsonToken.StartArray => "array",
            JsonToken.StartConstructor => "constructor",
            _ => Token.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>An object, array or constructor being read: where its properties or items begin in the
    /// <see cref="TreeReader"/>'s lists, the property name being read, and past 16 properties a set of its names.</summary>
    private struct Reading(JsonToken token, int line, int start)
    {
        public readonly JsonToken Token = token;
        public readonly int Line = line;
        public readonly int Start = start;
        public string? Name;
        public int NameLine;
        public HashSet<string>? Names;
    }

    /// <summary>Reads a value's tokens into a <see cref="Node"/> tree, as <see cref="JToken.ReadFrom(JsonReader, JsonLoadSettings)"/>
    /// reads them with comments skipped and a name given twice in an object refused. The properties and items of the
    /// values being read wait in lists kept from value to value, and each object or array gets an array of its own size
    /// as it closes. One per tokens thread.</summary>
    private sealed class TreeReader
    {
        /// <summary>Above this many properties an object looks its names up in a set (a hostile file's object of a
        /// million properties is not checked for duplicates in quadratic time).</summary>
        private const int Scanned = 16;

        private readonly List<Property> _properties = [];
        private readonly List<Node> _items = [];
        private readonly List<Reading> _open = [];

        /// <summary>The value the reader is on, with the errors of <see cref="JToken.ReadFrom(JsonReader, JsonLoadSettings)"/>,
        /// except that a file that ends inside it is reported as when the whole document is one tree (the end came while
        /// loading the top-level object).</summary>
        public Node Load(JsonTextReader json)
        {
            if (!IsStart(json.TokenType))
            {
                return Leaf(json);
            }

            var token = json.TokenType;
            Begin(json);

            // Json.NET reads the token after the opening one before it looks at any, and says so if there is none.
            if (!json.Read())
            {
                Clear();
                throw Error(json, $"Error reading {(token == JsonToken.StartObject ? "JObject" : token == JsonToken.StartArray ? "JArray" : "JConstructor")} from JsonReader.");
            }

            do
            {
                switch (json.TokenType)
                {
                    case JsonToken.Comment:
                        break;
                    case JsonToken.PropertyName:
                        var name = (string)json.Value!;
                        if (Has(name))
                        {
                            Clear();
                            throw Error(json, $"Property with the name '{name}' already exists in the current JSON object.");
                        }

                        var open = CollectionsMarshal.AsSpan(_open);
                        open[^1].Name = name;
                        open[^1].NameLine = json.LineNumber;
                        break;
                    case JsonToken.EndObject or JsonToken.EndArray or JsonToken.EndConstructor:
                        var closed = End();
                        if (_open.Count == 0)
                        {
                            return closed;
                        }

                        Add(closed);
                        break;
                    case var t when IsStart(t):
                        Begin(json);
                        break;
                    default:
                        Add(Leaf(json));
                        break;
                }
            }
            while (json.Read());

            Clear();
            throw Error(json, "Unexpected end of content while loading JObject.");
        }

        private static bool IsStart(JsonToken token) => token is JsonToken.StartObject or JsonToken.StartArray or JsonToken.StartConstructor;

        private static Node Leaf(JsonTextReader json) => new(json.TokenType, json.LineNumber, json.Value);

        private void Begin(JsonTextReader json) =>
            _open.Add(new(json.TokenType, json.LineNumber, json.TokenType == JsonToken.StartObject ? _properties.Count : _items.Count));

        /// <summary>Whether the object being read has a property named exactly <paramref name="name"/>.</summary>
        private bool Has(string name)
        {
            var open = _open[^1];
            if (open.Names is { } names)
            {
                return names.Contains(name);
            }

            foreach (var p in CollectionsMarshal.AsSpan(_properties)[open.Start..])
            {
                if (p.Name == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds a value to the object (as its property being read) or array being read.</summary>
        private void Add(Node value)
        {
            ref var open = ref CollectionsMarshal.AsSpan(_open)[^1];
            if (open.Token != JsonToken.StartObject)
            {
                _items.Add(value);
                return;
            }

            _properties.Add(new Property(open.Name!, open.NameLine, value));
            if (open.Names is not null)
            {
                open.Names.Add(open.Name!);
            }
            else if (_properties.Count - open.Start > Scanned)
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in CollectionsMarshal.AsSpan(_properties)[open.Start..])
                {
                    names.Add(p.Name);
                }

                open.Names = names;
            }
        }

        /// <summary>Closes the object or array being read: its properties or items into an array of their own.</summary>
        private Node End()
        {
            var open = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            if (open.Token == JsonToken.StartObject)
            {
                var properties = CollectionsMarshal.AsSpan(_properties)[open.Start..].ToArray();
                _properties.RemoveRange(open.Start, properties.Length);
                return new(open.Token, open.Line, properties);
            }

            var items = CollectionsMarshal.AsSpan(_items)[open.Start..].ToArray();
            _items.RemoveRange(open.Start, items.Length);
            return new(open.Token, open.Line, items);
        }

        /// <summary>Drops what was being read, after an error.</summary>
        private void Clear()
        {
            _open.Clear();
            _properties.Clear();
            _items.Clear();
        }
    }

    /// <summary>Reads the document into records, handed to <paramref name="rows"/> as they are made: each unit's, then
    /// its rows', then the next unit's; the directives and waivers last (read unit by unit: first, as the units begin).</summary>
    private sealed class Reader(string file, List<Diagnostic> diagnostics, ExportAssembler.Nested rows, Given? given = null)
    {
        /// <summary>Read unit by unit, the units came before the directives or the waivers (and none was handed on): the
        /// file is to be read again with them found first (<see cref="Given"/>).</summary>
        public bool UnitsFirst { get; private set; }

        private static readonly JsonLoadSettings Settings = new() { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error };

        private const string TopLevel = "the top level must be an object with a \"units\" array";

        private readonly HashSet<string> _warned = [];

        /// <summary>Each table's columns by property name (<see cref="ColumnOf"/>), the table found by reference once per row.</summary>
        private readonly Dictionary<TableSchema, Dictionary<string, int>> _columns = new(ReferenceEqualityComparer.Instance);

        /// <summary>Where the problems found go: the diagnostics, or, read unit by unit, for the directives and waivers
        /// (read before the units) a list of their own, put after the units' at the end as the whole read orders them.</summary>
        private List<Diagnostic> _out = diagnostics;

        private readonly List<Diagnostic> _diagnostics = diagnostics;

        // The export's values repeat (a unit's id and its members' on every attendance row, 出席, dates): each is kept
        // once, as the CSV reader keeps ids once. Bounded, so that a file of unique values does not grow it for ever.
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
        private const int MaxSharedValues = 500_000;

        /// <summary>How many steps (a unit's tree each, mostly) the tokens may run ahead of what is done with them.</summary>
        private const int StepsAhead = 64;

        /// <summary>Reads the document one unit at a time: only a unit's tree is held, never the whole document's. The
        /// diagnostics come out as from reading the whole tree first: the top level's unknown properties, then the
        /// units in order, then the directives and the waivers, wherever they stand in the file.</summary>
        /// <remarks>Two threads share the work: one reads the tokens into each unit's tree (<see cref="Parse"/>), the
        /// calling one does everything else, in order, as steps (types the rows, checks and hands on the units). Json.NET's
        /// tokenising alone is about half a read. An error of the file (its syntax, its bytes) is thrown here after the
        /// steps before it are done, as if read on one thread; an error of a step stops the tokens.</remarks>
        public void Read(TextReader text)
        {
            using var steps = new BlockingCollection<Action>(StepsAhead);
            using var stop = new CancellationTokenSource();
            ExceptionDispatchInfo? failed = null;
            var tokens = new Thread(() =>
            {
                try
                {
                    Parse(text, step => steps.Add(step, stop.Token));
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // A step failed: the tokens are not wanted.
                }
                catch (Exception e)
                {
                    failed = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    steps.CompleteAdding();
                }
            }) { IsBackground = true, Name = "JSON tokens" };
            tokens.Start();
            try
            {
                foreach (var step in steps.GetConsumingEnumerable())
                {
                    step();
                }
            }
            finally
            {
                stop.Cancel();
                tokens.Join();
            }

            failed?.Throw();
        }

        /// <summary>Reads the tokens (on the tokens' thread), each unit and the directives and waivers into a tree of their
        /// own, and hands on what is to be done with them as steps, in order (<paramref name="step"/>). Only the steps
        /// touch the reader's state and the rows.</summary>
        private void Parse(TextReader text, Action<Action> step)
        {
            using var json = Tokens(text);
            // Comments before the value are skipped, as JToken.Load skips them.
            if (!Next(json))
            {
                throw Error(json, "Error reading JToken from JsonReader.");
            }

            if (json.TokenType != JsonToken.StartObject)
            {
                // Rare, and its errors are Json.NET's own: read as Json.NET reads it.
                var rootLine = LineOf(JToken.ReadFrom(json, Settings));
                End(json);
                step(() => _out.Add(new(Severity.FileError, file, rootLine, null, null, Messages.JsonShape, [TopLevel])));
                return;
            }

            var trees = new TreeReader();
            var line0 = json.LineNumber;
            var first = 0;
            step(() => first = _diagnostics.Count);
            var unknown = new List<Diagnostic>();
            var names = new HashSet<string>();
            Node? directives = null, waivers = null;
            List<Diagnostic>? late = null;
            var units = false;
            while (Next(json) && json.TokenType == JsonToken.PropertyName)
            {
                var name = (string)json.Value!;
                var (path, line) = (json.Path, json.LineNumber);
                if (!names.Add(name))
                {
                    throw Error(json, $"Property with the name '{name}' already exists in the current JSON object.");
                }

                Next(json);
                switch (name)
                {
                    case "units" when json.TokenType == JsonToken.StartArray:
                        units = true;
                        if (rows.IsStreaming)
                        {
                            // Read unit by unit, each unit takes its directives and waivers as it ends: they must have come
                            // before, both (empty ones too), or have been found by a first pass; else they might come after,
                            // as convert wrote them before the nineteenth session. Such a file is read again, before any unit
                            // is handed on.
                            if (given is null && (!names.Contains("directives") || !names.Contains("waivers")))
                            {
                                UnitsFirst = true;
                                throw new ExportNotStreamableException($"{file}:{line}: the units come before the directives and waivers");
                            }

                            var (d, w) = given is null ? (directives, waivers) : (given.Directives, given.Waivers);
                            step(() =>
                            {
                                late = [];
                                _out = late;
                                Across(d, w);
                                _out = _diagnostics;
                                rows.BeginUnits(_diagnostics, unknown.Concat(late));
                            });
                        }

                        for (var i = 0; Next(json) && json.TokenType != JsonToken.EndArray; i++)
                        {
                            var (unit, index) = (trees.Load(json), i);
                            step(() => Unit(unit, index));
                        }

                        step(rows.EndUnits);
                        break;
                    case "directives" when given is null:
                        directives = trees.Load(json);
                        break;
                    case "waivers" when given is null:
                        waivers = trees.Load(json);
                        break;
                    case "units" or "tool" or "version" or "$schema" or "directives" or "waivers":
                        json.Skip();
                        break;
                    default:
                        var property = new Diagnostic(Severity.Warning, file, line, name, null, Messages.UnknownProperty, [name], path);
                        step(() => unknown.Add(property));
                        json.Skip();
                        break;
                }
            }

            if (json.TokenType != JsonToken.EndObject)
            {
                throw Error(json, "Unexpected end of content while loading JObject.");
            }

            End(json);
            var (lastDirectives, lastWaivers) = (directives, waivers);
            step(() =>
            {
                if (!units)
                {
                    _out.Add(new(Severity.FileError, file, line0, null, null, Messages.JsonShape, [TopLevel]));
                    return;
                }

                _diagnostics.InsertRange(first, unknown); // the top level's names are each given once: no need to warn once
                if (late is not null)
                {
                    _diagnostics.AddRange(late);
                    return;
                }

                Across(lastDirectives, lastWaivers);
            });
        }

        /// <summary>The directives' and waivers' rows, which apply across units.</summary>
        private void Across(Node? directives, Node? waivers)
        {
            Rows(directives, Tables.Directives, [], null, "directives", []);
            Rows(waivers, Tables.Waivers, [], null, "waivers", []);
        }

        /// <summary>One instance of each short value (see <see cref="_values"/>).</summary>
        private string Shared(string value)
        {
            if (value.Length is 0 or > 64)
            {
                return value;
            }

            if (_values.TryGetValue(value, out var shared))
            {
                return shared;
            }

            if (_values.Count >= MaxSharedValues)
            {
                _values.Clear();
            }

            _values[value] = value;
            return value;
        }


        /// <summary>Checks that nothing but white space follows the document's value (not even a comment).</summary>
        private static void End(JsonTextReader json)
        {
            if (json.Read())
            {
                throw new JsonReaderException("text after the end of the JSON value", json.Path, json.LineNumber, json.LinePosition, null);
            }
        }

        private void Unit(Node unit, int index)
        {
            if (unit.Properties is null)
            {
                Shape(unit.Line, $"units[{index.ToString(CultureInfo.InvariantCulture)}]", "each unit must be an object");
                return;
            }

            var path = new JsonPath(null, "units", index);
            var record = Record(unit, Tables.Units, [], UnitChildProperties, path, []);
            var unitId = record?.Values[0] ?? "";
            Node[] outer = [unit];
            foreach (var (property, table) in UnitChildren)
            {
                if (table == Tables.Sessions)
                {
                    Sessions(unit.Get(property), unitId, path, outer);
                }
                else
                {
                    Rows(unit.Get(property), table, [("unit_id", unitId)], path, property, outer);
                }
            }
        }

        private void Sessions(Node? array, string unitId, JsonPath unit, Node[] outer)
        {
            foreach (var (s, index) in Items(array, unit, "sessions"))
            {
                var path = new JsonPath(unit, "sessions", index);
                var record = Record(s, Tables.Sessions, [("unit_id", unitId)], SessionChildProperties, path, outer);
                var sessionId = record is null ? "" : record.Values[1];
                Node[] within = [s, .. outer];
                foreach (var (property, table) in SessionChildren)
                {
                    Rows(s.Get(property), table, [("unit_id", unitId), ("session_id", sessionId)], path, property, within);
                }
            }
        }

        /// <summary>The rows of the array <paramref name="name"/> of the object at <paramref name="parent"/> (of the
        /// top level when null), within the objects <paramref name="outer"/> (nearest first).</summary>
        private void Rows(Node? array, TableSchema table, (string Column, string Value)[] parents, JsonPath? parent, string name, Node[] outer)
        {
            foreach (var (item, index) in Items(array, parent, name))
            {
                Record(item, table, parents, [], new JsonPath(parent, name, index), outer);
            }
        }

        /// <summary>The objects of the array <paramref name="name"/> of the object at <paramref name="parent"/>, each
        /// with its index there.</summary>
        private IEnumerable<(Node Item, int Index)> Items(Node? value, JsonPath? parent, string name)
        {
            if (value is not { } array || array.Token == JsonToken.Null)
            {
                yield break;
            }

            if (array.Token != JsonToken.StartArray)
            {
                Shape(array.Line, ArrayPath(parent, name), $"\"{ArrayPath(parent, name)}\" must be an array");
                yield break;
            }

            var index = 0;
            foreach (var t in array.Items!)
            {
                if (t.Properties is not null)
                {
                    yield return (t, index);
                }
                else
                {
                    Shape(t.Line, new JsonPath(parent, name, index).ToString(), $"each entry of \"{ArrayPath(parent, name)}\" must be an object");
                }

                index++;
            }
        }

        private static string ArrayPath(JsonPath? parent, string name) => parent is null ? name : $"{parent}.{name}";

        /// <summary>The record of a row object at <paramref name="path"/>, handed on to the rows.</summary>
        private RawRecord? Record(Node o, TableSchema table, (string Column, string Value)[] parents, string[] nested, JsonPath path, Node[] outer)
        {
            var values = new string[table.Columns.Count];
            Array.Fill(values, "");
            var lines = new int[table.Columns.Count];
            var line = o.Line;
            var source = new RowSource(file, line, path);
            var columns = ColumnsOf(table);
            foreach (var p in o.Properties!)
            {
                if (Array.IndexOf(nested, p.Name) >= 0)
                {
                    continue;
                }

                var index = ColumnOf(columns, table, p.Name);
                if (index < 0)
                {
                    Unknown(p, table, path);
                    continue;
                }

                // Read whole, the rows are held to the end, and a value they repeat is kept once. Read unit by unit,
                // nothing outlives its unit, and the lookup costs more than it saves (nineteenth session).
                var value = Value(p.Value, table.Columns[index].Name, source, o, outer);
                values[index] = rows.IsStreaming ? value : Shared(value);
                lines[index] = p.Value.Line;
            }

            foreach (var (column, value) in parents)
            {
                var index = CsvTableReader.FindColumn(table, column);
                if (values[index].Length > 0 && values[index] != value)
                {
                    _out.Add(new(Severity.RowError, file, line, column, value.Length > 0 ? value : null, Messages.ParentConflict, [values[index], value], Locate(source, column)));
                }

                values[index] = value;
            }

            var record = new RawRecord(line, values, Anchor: path, ValueLines: lines);
            rows.Add(table, record);
            return record;
        }

        /// <summary>A property's value as a cell's text, of the row object <paramref name="row"/> within the objects
        /// <paramref name="outer"/>.</summary>
        private string Value(Node v, string column, RowSource source, Node row, Node[] outer)
        {
            switch (v.Token)
            {
                case JsonToken.Null:
                    return "";
                case JsonToken.String:
                    return ValueParser.Fold((string)v.Value!);
                case JsonToken.Integer or JsonToken.Float:
                    return ((IFormattable)v.Value!).ToString(null, CultureInfo.InvariantCulture);
                case JsonToken.Boolean:
                    return (bool)v.Value! ? "true" : "false";
                case JsonToken.StartArray when ListColumns.Contains(column) && v.Items!.All(x => x.Token is JsonToken.String or JsonToken.Integer):
                    // (As Json.NET's JValue.ToString gives them: a number in the current culture.)
                    return string.Join(";", v.Items!.Select(x => ValueParser.Fold(x.Value!.ToString()!)));
                default:
                    // Reported against the row's unit when the row is built; here the unit may not be known yet.
                    _out.Add(new(Severity.RowError, file, v.Line, column, UnitOf(row, outer), Messages.NotAValue, [v.Kind], Locate(source, column)));
                    return "";
            }
        }

        /// <summary>The unit of a value that is not one: that of the nearest enclosing object with a <c>unitId</c> (the
        /// row's, or its unit's; a directive's or waiver's row's).</summary>
        private static string? UnitOf(Node row, Node[] outer)
        {
            foreach (var o in outer.Prepend(row))
            {
                if (o.Get("unitId") is { Token: JsonToken.String } id)
                {
                    var s = ValueParser.Fold((string)id.Value!);
                    return s.Length == 0 || s == "*" ? null : s;
                }
            }

            return null;
        }

        /// <summary>The columns of <paramref name="table"/> found so far by property name.</summary>
        private Dictionary<string, int> ColumnsOf(TableSchema table)
        {
            if (!_columns.TryGetValue(table, out var columns))
            {
                _columns[table] = columns = new(StringComparer.Ordinal);
            }

            return columns;
        }

        /// <summary><see cref="Column"/>, remembered: an export names a few dozen properties, millions of times.</summary>
        private static int ColumnOf(Dictionary<string, int> columns, TableSchema table, string property)
        {
            if (!columns.TryGetValue(property, out var index))
            {
                columns[property] = index = Column(table, property);
            }

            return index;
        }

        internal static int Column(TableSchema table, string property)
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

        private void Unknown(Property p, TableSchema table, JsonPath row)
        {
            if (_warned.Add(table.Name + "." + p.Name))
            {
                _out.Add(new(Severity.Warning, file, p.Line, p.Name, null, Messages.UnknownProperty, [p.Name], PropertyPath(row.ToString(), p.Name, table == Tables.Units)));
            }
        }

        /// <summary>The path of a property of the object at <paramref name="path"/>, as Json.NET writes it (a name with a
        /// space, a dot, a quote, … in brackets and quotes: <c>units[0]['a b']</c>). A property with an empty name has
        /// no path of its own (<c>units[0].members[0].</c>); in a unit's object, the unit's path, as when each unit was
        /// loaded as a Json.NET tree of its own.</summary>
        private static string PropertyPath(string path, string name, bool unit)
        {
            var own = new JObject(new JProperty(name, JValue.CreateNull())).First!.Path;
            return own.Length == 0 && unit ? path : own.StartsWith('[') ? path + own : path + "." + own;
        }

        private void Shape(int line, string path, string what) =>
            _out.Add(new(Severity.FileError, file, line, null, null, Messages.JsonShape, [what], path));
    }
}
