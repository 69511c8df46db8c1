using System.Text;

namespace Assessment.Tests.TestAssets;

/// <summary>A seeded mutator of valid CSV exports, for fuzzing. Each mutation changes one file and says which units it
/// touched: the units of the rows it changed, or every unit when it changes the file as a whole (a column, the
/// encoding's bytes, a truncation). Units it did not touch must score exactly as before.</summary>
internal sealed class ExportMutator(int seed)
{
    private readonly Random _r = new(seed);

    static ExportMutator() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public sealed record Mutation(string Description, IReadOnlySet<string>? Touched)
    {
        /// <summary>Whether the mutation may change every unit (then only robustness is checked).</summary>
        public bool Global => Touched is null;
    }

    private sealed record CsvFile(string Path, Encoding Encoding, string Text);

    public Mutation Mutate(string folder)
    {
        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToArray();
        var path = files[_r.Next(files.Length)];
        var name = System.IO.Path.GetFileName(path);
        var kind = _r.Next(11);
        if (kind == 0)
        {
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[.._r.Next(bytes.Length + 1)]);
            return new($"truncate {name}", null);
        }

        if (kind == 1)
        {
            var bytes = File.ReadAllBytes(path);
            for (var i = _r.Next(1, 8); i > 0 && bytes.Length > 0; i--)
            {
                bytes[_r.Next(bytes.Length)] = (byte)_r.Next(256);
            }

            File.WriteAllBytes(path, bytes);
            return new($"random bytes in {name}", null);
        }

        var file = Decode(path);
        var records = Records(file.Text);
        if (records.Count == 0)
        {
            return new($"no change to the empty {name}", new HashSet<string>());
        }

        var sep = records[0].Contains('\t') && !records[0].Contains(',') ? '\t' : ',';
        var header = Fields(records[0], sep);
        var unitCol = Array.FindIndex(header, h => Unquote(h).Trim().ToLowerInvariant() is "unit_id" or "单位编码");
        var dataRows = Enumerable.Range(1, records.Count - 1).Where(i => records[i].Trim().Length > 0).ToArray();
        string UnitOf(int row)
        {
            var fields = Fields(records[row], sep);
            return unitCol >= 0 && unitCol < fields.Length ? Unquote(fields[unitCol]).Normalize(NormalizationForm.FormKC).Trim() : "*";
        }

        IReadOnlySet<string>? TouchedBy(int row) =>
            name.StartsWith("directives", StringComparison.Ordinal) || name.StartsWith("waivers", StringComparison.Ordinal) || name.StartsWith("上级部署", StringComparison.Ordinal) || name.StartsWith("豁免", StringComparison.Ordinal)
                ? UnitOf(row) is "" or "*" ? null : new HashSet<string> { UnitOf(row) }
                : new HashSet<string> { UnitOf(row) };

        switch (kind)
        {
            case 2 when header.Length > 1:
            {
                var col = _r.Next(header.Length);
                Write(file, records.Select(r => r.Trim().Length == 0 ? r : string.Join(sep, Fields(r, sep).Where((_, i) => i != col))));
                return new($"delete column {Unquote(header[col])} of {name}", null);
            }

            case 3:
            {
                var col = _r.Next(header.Length);
                Write(file, records.Select((r, n) => r.Trim().Length == 0 ? r : r + sep + (n == 0 ? header[col] : Fields(r, sep).ElementAtOrDefault(col) ?? "")));
                return new($"duplicate column {Unquote(header[col])} of {name}", null);
            }

            case 4 when dataRows.Length > 0:
            {
                var row = dataRows[_r.Next(dataRows.Length)];
                var touched = TouchedBy(row);
                Write(file, records.Where((_, i) => i != row));
                return new($"delete row {row} of {name}", touched);
            }

            case 5 when dataRows.Length > 0:
            {
                var row = dataRows[_r.Next(dataRows.Length)];
                Write(file, records.Take(row + 1).Append(records[row]).Concat(records.Skip(row + 1)));
                return new($"duplicate row {row} of {name}", TouchedBy(row));
            }

            case 6:
            {
                Encoding[] all = [new UTF8Encoding(false), new UTF8Encoding(true), Encoding.GetEncoding("GB18030"), new UnicodeEncoding(false, true)];
                File.WriteAllText(path, file.Text, all[_r.Next(all.Length)]);
                return new($"re-encode {name}", new HashSet<string>());
            }

            case >= 7 when dataRows.Length > 0:
            {
                var row = dataRows[_r.Next(dataRows.Length)];
                var fields = Fields(records[row], sep);
                var col = _r.Next(fields.Length);
                var value = kind switch
                {
                    7 => "99999999999999999999999",
                    8 => new string('长', 20_000 + _r.Next(50_000)),
                    9 => "",
                    _ => "2024-02-30",
                };
                if (kind == 9)
                {
                    col = Math.Max(0, unitCol);
                    if (col >= fields.Length)
                    {
                        // A row too short to have a unit (an earlier mutation truncated the file in its middle).
                        return new($"no change to the short row {row} of {name}", new HashSet<string>());
                    }
                }

                // Blanking the unit of a directive or waiver makes it apply to every unit.
                var everyUnitTable = name.StartsWith("directives", StringComparison.Ordinal) || name.StartsWith("waivers", StringComparison.Ordinal)
                    || name.StartsWith("上级部署", StringComparison.Ordinal) || name.StartsWith("豁免", StringComparison.Ordinal);
                var touched = everyUnitTable && col == unitCol ? null : TouchedBy(row);
                fields[col] = value;
                records[row] = string.Join(sep, fields);
                Write(file, records);
                return new($"set column {col} of row {row} of {name} to {(value.Length > 30 ? value.Length + " chars" : "'" + value + "'")}", touched);
            }

            default:
                return new($"no change to {name}", new HashSet<string>());
        }
    }

    private static CsvFile Decode(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new(path, new UTF8Encoding(true), Encoding.UTF8.GetString(bytes.AsSpan(3)));
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new(path, new UnicodeEncoding(false, true), Encoding.Unicode.GetString(bytes.AsSpan(2)));
        }

        try
        {
            return new(path, new UTF8Encoding(false), new UTF8Encoding(false, true).GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            var gb = Encoding.GetEncoding("GB18030");
            return new(path, gb, gb.GetString(bytes));
        }
    }

    private static void Write(CsvFile file, IEnumerable<string> records) =>
        File.WriteAllText(file.Path, string.Join("\n", records) + "\n", file.Encoding);

    /// <summary>The records of a CSV text, quoted line breaks kept inside their record; blank lines kept as "".</summary>
    private static List<string> Records(string text)
    {
        var records = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == '\n' && !quoted)
            {
                records.Add(sb.ToString().TrimEnd('\r'));
                sb.Clear();
                continue;
            }

            sb.Append(c);
        }

        if (sb.Length > 0)
        {
            records.Add(sb.ToString());
        }

        return records;
    }

    private static string[] Fields(string record, char sep)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        foreach (var c in record)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == sep && !quoted)
            {
                fields.Add(sb.ToString());
                sb.Clear();
                continue;
            }

            sb.Append(c);
        }

        fields.Add(sb.ToString());
        return fields.ToArray();
    }

    private static string Unquote(string field)
    {
        var f = field.Trim();
        return f.Length >= 2 && f[0] == '"' && f[^1] == '"' ? f[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : f;
    }
}
