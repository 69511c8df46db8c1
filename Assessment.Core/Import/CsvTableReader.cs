using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Assessment.Core.Diagnostics;
using CsvHelper;

namespace Assessment.Core.Import;

/// <summary>Reads one CSV file of an export: encoding, separator, headers and quoting, nothing else. UTF-8 input is
/// read in place; records are tokenised and mapped on several threads (CsvHelper's ParallelEnumerate) in input order.</summary>
internal static class CsvTableReader
{
    /// <summary>CsvHelper's own buffer guard; the whole file is already in memory, so this only bounds its buffers.</summary>
    private const int MaxRecordBytes = 64 << 20;

    private static readonly System.Buffers.SearchValues<byte> Blank = System.Buffers.SearchValues.Create(" \r\n\t"u8);

    /// <summary>Loads one file and reads its header; its records are read when the table is mapped. The file's own
    /// problems (encoding, headers, size) go to <paramref name="diagnostics"/>; those found while mapping (a record too
    /// large, too many rows) go to <paramref name="mapDiagnostics"/>, in order with the rows' own, or to
    /// <paramref name="diagnostics"/> if it is null.</summary>
    public static RawTable Read(TableSchema schema, string path, ReadOptions options, List<Diagnostic> diagnostics, List<Diagnostic>? mapDiagnostics = null)
    {
        var file = Path.GetFileName(path);
        var forced = options.Encoding;
        byte[] bytes;
        try
        {
            // A named pipe would be waited on for ever, a device read to the limit: a table is a file on disk.
            if (InputFile.KindOf(path) != InputFile.Kind.Regular)
            {
                diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.NotRegularFile, []));
                return RawTable.Missing(schema, file);
            }

            if (InputFile.ReadAllBytes(path, options.Limits.MaxFileBytes, out var length) is not { } read)
            {
                diagnostics.Add(TooLarge(file, length, options.Limits));
                return RawTable.Missing(schema, file);
            }

            bytes = read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.FileUnreadable, [e.Message]));
            return RawTable.Missing(schema, file);
        }

        // UTF-8 (with or without BOM) is read in place; anything else is decoded a block at a time into UTF-8 bytes
        // (the text whole as a string took twice its characters' bytes), and those are read in place.
        var utf8 = forced is null || forced.CodePage == Encoding.UTF8.CodePage;
        ReadOnlyMemory<byte> body = bytes;
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }
        else if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            utf8 = false;
        }

        var transcoded = false;
        if (!utf8 || !Utf8.IsValid(body.Span))
        {
            if (!TextDecoder.TryTranscode(bytes, forced, out var decoded))
            {
                var bad = TextDecoder.BadBytes(bytes, forced);
                var (line, column, unit) = Locate(schema, TextDecoder.Utf8UpToBadBytes(bytes, bad), bad.Line);
                diagnostics.Add(new(Severity.FileError, file, line, column, unit, Messages.BadEncoding, [bad.Name]));
                return RawTable.Missing(schema, file);
            }

            (body, transcoded) = (decoded, true);
        }

        if (body.Span.Contains((byte)0))
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.NotCsv, []));
            return RawTable.Missing(schema, file);
        }

        // A file from another encoding is judged on its whole text, as when it was decoded to one string (blank is any
        // white space there); a UTF-8 file's first line is looked for in its first 64 KB.
        var head = transcoded ? null : Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 64 * 1024)]);
        var firstLine = head is null ? FirstNonBlankLine(body.Span) : FirstNonBlankLine(head);
        if (head is null ? firstLine.Length == 0 : string.IsNullOrWhiteSpace(head) && body.Span.IndexOfAnyExcept(Blank) < 0)
        {
            diagnostics.Add(new(Severity.Warning, file, 0, null, null, Messages.EmptyFile, []));
            return RawTable.Missing(schema, file);
        }

        return Open(schema, file, body, firstLine, diagnostics, mapDiagnostics ?? diagnostics, options, bytes.Length >= options.ParallelFromBytes);
    }

    /// <summary>The file error of a file over the size limit: with its size, or without when it has none (a pipe).</summary>
    internal static Diagnostic TooLarge(string file, long length, ReadLimits limits) => length >= 0
        ? new(Severity.FileError, file, 0, null, null, Messages.FileTooLarge,
            [length.ToString(CultureInfo.InvariantCulture), limits.MaxFileBytes.ToString(CultureInfo.InvariantCulture)])
        : new(Severity.FileError, file, 0, null, null, Messages.FileOverLimit, [limits.MaxFileBytes.ToString(CultureInfo.InvariantCulture)]);

    private static RawTable Open(TableSchema schema, string file, ReadOnlyMemory<byte> utf8, string firstLine, List<Diagnostic> diagnostics,
        List<Diagnostic> mapDiagnostics, ReadOptions read, bool parallel)
    {
        var malformed = new MalformedLines();
        var reader = CsvReader.Create(utf8, ReaderOptions(firstLine, m => malformed.Add((int)m.LineNumber, m.Reason)));
        IReadOnlyList<string> headers;
        try
        {
            headers = reader.Headers;
        }
        catch (CsvFormatException)
        {
            reader.Dispose();
            diagnostics.Add(new(Severity.FileError, file, 1, null, null, Messages.RecordTooLarge, [MaxRecordBytes.ToString(CultureInfo.InvariantCulture)]));
            return RawTable.Missing(schema, file);
        }

        var map = MapHeaders(schema, file, headers, diagnostics);
        if (map is null)
        {
            reader.Dispose();
            return RawTable.Missing(schema, file);
        }

        return new CsvTable(schema, file, reader, map, headers.Count, malformed, parallel, read, mapDiagnostics);
    }

    /// <summary>How CsvHelper reads a file whose first non-blank line is <paramref name="firstLine"/>: comma-separated,
    /// or tab-separated when that line has tabs and no commas; RFC 4180 quoting; empty lines skipped.</summary>
    private static CsvReaderOptions ReaderOptions(string firstLine, Action<CsvMalformedRecord>? onMalformed) => new()
    {
        Separator = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',',
        HasHeader = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        AllowLineBreaksInQuotes = true,
        MaxRecordSize = MaxRecordBytes,
        MalformedData = CsvMalformedDataHandling.Recover,
        OnMalformedRecord = onMalformed,
    };

    /// <summary>Where a file's bad bytes are: the line its record starts on, its column and its unit, found by reading
    /// <paramref name="upToBadBytes"/> (the text before them and U+FFFD standing for them) as the file would be read.
    /// The record the mark ends is theirs, and the mark is in its last field. In the header, or past a record too
    /// large, only <paramref name="line"/> (where they are) is known. The unit is given when its value comes before
    /// them in the record.</summary>
    private static (int Line, string? Column, string? Unit) Locate(TableSchema schema, byte[] upToBadBytes, int line)
    {
        using var reader = CsvReader.Create(upToBadBytes, ReaderOptions(FirstNonBlankLine(upToBadBytes), null));
        try
        {
            var headers = reader.Headers.Select(ValueParser.Fold).ToArray();
            var unitAt = Array.FindIndex(headers, h => FindColumn(schema, h) == 0);
            var (at, column, unit) = (line, (string?)null, (string?)null);
            while (reader.Read())
            {
                var last = reader.FieldCount - 1;
                var c = last < headers.Length ? FindColumn(schema, headers[last]) : -1;
                at = (int)reader.LineNumber;
                column = c >= 0 ? schema.Columns[c].Name : last < headers.Length && headers[last].Length > 0 ? headers[last] : null;
                unit = unitAt >= 0 && unitAt < last ? ValueParser.Fold(Encoding.UTF8.GetString(reader.GetSpan(unitAt))) : null;
            }

            return (at, column, string.IsNullOrEmpty(unit) ? null : unit);
        }
        catch (CsvFormatException)
        {
            return (line, null, null);
        }
    }

#pragma warning disable CA1001 // the ThreadLocal and the reader are disposed when Map finishes: a table is mapped once
    private sealed class CsvTable(TableSchema schema, string file, CsvReader reader, int[] map, int headerCount,
        MalformedLines malformed, bool parallel, ReadOptions read, List<Diagnostic> diagnostics)
        : RawTable(schema, file, true, null)
    {
        public override IEnumerable<T> Map<T>(Func<Cells, T> selector)
        {
            // One Cells per worker thread: each record is loaded into it and mapped before the thread takes the next.
            using var cells = new ThreadLocal<Cells>(() => new Cells(this));
            using (reader)
            {
                var results = parallel
                    ? reader.ParallelEnumerate(r =>
                    {
                        var c = cells.Value!;
                        return Load(r, c) ? (true, selector(c)) : (false, default!);
                    }, -1)
                    : Sequential(selector, cells.Value!);
                using var e = results.GetEnumerator();
                var rows = 0;
                while (true)
                {
                    read.Cancellation.ThrowIfCancellationRequested();
                    bool more;
                    try
                    {
                        more = e.MoveNext();
                    }
                    catch (CsvFormatException)
                    {
                        // A record over MaxRecordSize: an unclosed quote swallowing the file, or not a CSV at all.
                        diagnostics.Add(new(Severity.FileError, File, 0, null, null, Messages.RecordTooLarge, [MaxRecordBytes.ToString(CultureInfo.InvariantCulture)]));
                        yield break;
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    if (++rows > read.Limits.MaxRowsPerFile)
                    {
                        diagnostics.Add(new(Severity.FileError, File, 0, null, null, Messages.TooManyRows, [read.Limits.MaxRowsPerFile.ToString(CultureInfo.InvariantCulture)]));
                        yield break;
                    }

                    if (e.Current.Item1)
                    {
                        yield return e.Current.Item2;
                    }
                }
            }
        }

        private IEnumerable<(bool, T)> Sequential<T>(Func<Cells, T> selector, Cells cells)
        {
            while (reader.Read())
            {
                yield return Load(reader, cells) ? (true, selector(cells)) : (false, default!);
            }
        }

        /// <summary>Loads the record the reader is on; false for a line of separators only (a blank line).</summary>
        private bool Load(CsvReader r, Cells cells)
        {
            cells.Begin((int)r.LineNumber);
            var anyValue = false;
            var tooLong = 0;
            var fieldCount = r.FieldCount;
            for (var i = 0; i < fieldCount && i < map.Length; i++)
            {
                var target = map[i];
                if (target < 0)
                {
                    anyValue |= !r.IsEmpty(i);
                    continue;
                }

                cells.SetUtf8(target, r.GetSpan(i));
                var length = cells.Span(target).Length;
                if (length > read.Limits.MaxFieldLength)
                {
                    tooLong = length;
                    cells.Clear(target);
                }

                anyValue |= length > 0;
            }

            var extra = false;
            for (var i = map.Length; i < fieldCount; i++)
            {
                extra |= !r.IsEmpty(i);
            }

            if (!anyValue && !extra)
            {
                return false;
            }

            if (tooLong > 0)
            {
                cells.SetProblem(Messages.FieldTooLong,
                    tooLong.ToString(CultureInfo.InvariantCulture), read.Limits.MaxFieldLength.ToString(CultureInfo.InvariantCulture));
            }
            else if (fieldCount > headerCount && extra)
            {
                cells.SetProblem(Messages.TooManyFields,
                    fieldCount.ToString(CultureInfo.InvariantCulture), headerCount.ToString(CultureInfo.InvariantCulture));
            }
            else if (malformed.TryGet((int)r.LineNumber, out var reason))
            {
                cells.SetProblem(reason switch
                {
                    CsvMalformedReason.UnterminatedQuote => Messages.UnterminatedQuote,
                    CsvMalformedReason.TextAfterClosingQuote => Messages.TextAfterQuote,
                    // A stray quote inside an unquoted field (学习"两个确立") is unambiguous and kept as text; a short
                    // record reads its missing fields as blank, and blank required ones are reported.
                    _ => null,
                });
            }

            return true;
        }
    }
#pragma warning restore CA1001

    /// <summary>The lines CsvHelper reported as malformed, possibly from several threads. Checked for every record, so
    /// the common case (none) is one read of a counter, not a scan of ConcurrentDictionary's buckets.</summary>
    private sealed class MalformedLines
    {
        private readonly ConcurrentDictionary<int, CsvMalformedReason> _lines = new();
        private int _count;

        public void Add(int line, CsvMalformedReason reason)
        {
            if (_lines.TryAdd(line, reason))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public bool TryGet(int line, out CsvMalformedReason reason)
        {
            reason = default;
            return Volatile.Read(ref _count) > 0 && _lines.TryGetValue(line, out reason);
        }
    }

    /// <summary>Maps each header position to a schema column index (-1 for unknown), or null when a required column is missing.</summary>
    internal static int[]? MapHeaders(TableSchema schema, string file, IReadOnlyList<string> headers, List<Diagnostic> diagnostics,
        int line = 1, Func<int, string?>? pathOf = null)
    {
        var map = new int[headers.Count];
        var seen = new HashSet<int>();
        var ok = true;
        for (var i = 0; i < headers.Count; i++)
        {
            var h = ValueParser.Fold(headers[i]);
            map[i] = FindColumn(schema, h);
            if (map[i] < 0)
            {
                if (h.Length > 0)
                {
                    diagnostics.Add(new(Severity.Warning, file, line, h, null, Messages.UnknownColumn, [h], pathOf?.Invoke(i)));
                }
            }
            else if (!seen.Add(map[i]))
            {
                diagnostics.Add(new(Severity.FileError, file, line, schema.Columns[map[i]].Name, null, Messages.DuplicateColumn, [h], pathOf?.Invoke(i)));
                ok = false;
            }
        }

        for (var c = 0; c < schema.Columns.Count; c++)
        {
            var col = schema.Columns[c];
            if (col.Required && !seen.Contains(c))
            {
                diagnostics.Add(new(Severity.FileError, file, line, col.Name, null, Messages.MissingColumn, [col.Name, col.Zh], pathOf is null ? null : $"{pathOf(0)?.Split('!')[0]}"));
                ok = false;
            }
        }

        return ok ? map : null;
    }

    internal static int FindColumn(TableSchema schema, string header)
    {
        for (var c = 0; c < schema.Columns.Count; c++)
        {
            var col = schema.Columns[c];
            if (ReferenceEquals(col.Name, header) || string.Equals(col.Name, header, StringComparison.OrdinalIgnoreCase)
                || col.Zh == header
                || col.Aliases.Contains(header))
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>The first line of UTF-8 text that is not all white space, or "" when there is none: the text is decoded
    /// a growing prefix at a time until that line is seen whole (its first 64 KB, as a rule).</summary>
    private static string FirstNonBlankLine(ReadOnlySpan<byte> utf8)
    {
        for (var size = 64 * 1024; ; size = (int)Math.Min(2L * size, Array.MaxLength))
        {
            if (size >= utf8.Length)
            {
                return FirstNonBlankLine(Encoding.UTF8.GetString(utf8));
            }

            // Cut before a character that would be cut in two, and where the line goes on past the cut, decode more.
            var end = size;
            while (end > 0 && (utf8[end] & 0xC0) == 0x80)
            {
                end--;
            }

            var line = FirstNonBlankLine(Encoding.UTF8.GetString(utf8[..end]), out var ended);
            if (ended)
            {
                return line;
            }
        }
    }

    private static string FirstNonBlankLine(string text) => FirstNonBlankLine(text, out _);

    /// <param name="text">The text.</param>
    /// <param name="ended">Whether a line break follows the line in the text.</param>
    private static string FirstNonBlankLine(string text, out bool ended)
    {
        var all = text.AsSpan();
        foreach (var line in all.EnumerateLines())
        {
            if (!line.IsWhiteSpace())
            {
                all.Overlaps(line, out var at);
                ended = at + line.Length < all.Length;
                return line.ToString();
            }
        }

        ended = false;
        return "";
    }
}
