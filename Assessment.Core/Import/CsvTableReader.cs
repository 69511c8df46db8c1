using System.Globalization;
using System.Text;
using Assessment.Core.Diagnostics;
using CsvHelper;

namespace Assessment.Core.Import;

/// <summary>Reads one CSV file of an export into raw records: encoding, separator, headers and quoting, nothing else.</summary>
internal static class CsvTableReader
{
    public static RawTable Read(TableSchema schema, string path, Encoding? forced, List<Diagnostic> diagnostics)
    {
        var file = Path.GetFileName(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.FileUnreadable, [e.Message]));
            return Missing(schema, file);
        }

        if (!TextDecoder.TryDecode(bytes, forced, out var text, out var encodingName))
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.BadEncoding, [encodingName]));
            return Missing(schema, file);
        }

        if (text.Contains('\0'))
        {
            diagnostics.Add(new(Severity.FileError, file, 0, null, null, Messages.NotCsv, []));
            return Missing(schema, file);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Add(new(Severity.Warning, file, 0, null, null, Messages.EmptyFile, []));
            return Missing(schema, file);
        }

        return Parse(schema, file, text, diagnostics);
    }

    public static RawTable Missing(TableSchema schema, string file) => new(schema, file, [], false);

    internal static RawTable Parse(TableSchema schema, string file, string text, List<Diagnostic> diagnostics)
    {
        var firstLine = FirstNonBlankLine(text);
        var separator = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',';
        var malformed = new Dictionary<int, CsvMalformedReason>();
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m => malformed.TryAdd((int)m.LineNumber, m.Reason),
        };

        using var reader = CsvReader.FromText(text, options);
        var headers = reader.Headers;
        var map = MapHeaders(schema, file, headers, diagnostics);
        if (map is null)
        {
            return Missing(schema, file);
        }

        var records = new List<RawRecord>();
        while (reader.Read())
        {
            var line = (int)reader.LineNumber;
            var values = new string[schema.Columns.Count];
            Array.Fill(values, "");
            var anyValue = false;
            var fieldCount = reader.FieldCount;
            for (var i = 0; i < fieldCount && i < map.Length; i++)
            {
                var target = map[i];
                if (target < 0)
                {
                    continue;
                }

                var v = ValueParser.Fold(reader.GetString(i));
                values[target] = v;
                anyValue |= v.Length > 0;
            }

            for (var i = map.Length; i < fieldCount; i++)
            {
                anyValue |= !reader.IsEmpty(i);
            }

            if (!anyValue)
            {
                continue; // a line of separators only is a blank line
            }

            MessageTemplate? problem = null;
            string[]? args = null;
            if (fieldCount > headers.Count && Enumerable.Range(headers.Count, fieldCount - headers.Count).Any(i => !reader.IsEmpty(i)))
            {
                problem = Messages.TooManyFields;
                args = [fieldCount.ToString(CultureInfo.InvariantCulture), headers.Count.ToString(CultureInfo.InvariantCulture)];
            }
            else if (malformed.TryGetValue(line, out var reason))
            {
                problem = reason switch
                {
                    CsvMalformedReason.UnterminatedQuote => Messages.UnterminatedQuote,
                    CsvMalformedReason.TextAfterClosingQuote => Messages.TextAfterQuote,
                    // A stray quote inside an unquoted field (学习"两个确立") is unambiguous and kept as text; a short
                    // record reads its missing fields as blank, and blank required ones are reported.
                    _ => null,
                };
                args = [];
            }

            records.Add(new RawRecord(line, values, problem, args));
        }

        return new RawTable(schema, file, records, true);
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
            if (string.Equals(col.Name, header, StringComparison.OrdinalIgnoreCase)
                || col.Zh == header
                || col.Aliases.Contains(header))
            {
                return c;
            }
        }

        return -1;
    }

    private static string FirstNonBlankLine(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!line.IsWhiteSpace())
            {
                return line.ToString();
            }
        }

        return "";
    }
}
