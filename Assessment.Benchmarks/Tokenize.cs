using System.Diagnostics;
using Assessment.Core.Import;
using CsvHelper;

namespace Assessment.Benchmarks;

/// <summary>How fast CsvHelper alone tokenises a file, with and without our per-field folding (a diagnostic aid).</summary>
internal static class Tokenize
{
    /// <summary>What Python's <c>scripts/pycsv.py</c> does, with CsvHelper: every CSV file of the folder in name order,
    /// loaded and tokenised on one thread, each field made a string, the header counted as a row; prints the rows and
    /// the seconds, timed inside the process as the script times itself. The like-for-like yardstick of "reading"
    /// (the tool's own read also types, checks and groups every value).</summary>
    public static void RunAll(string folder)
    {
        var watch = Stopwatch.StartNew();
        long rows = 0;
        foreach (var path in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            using var r = CsvReader.Create(bytes.AsMemory(start), new CsvReaderOptions { Separator = ',', HasHeader = false, AllowLineBreaksInQuotes = true });
            while (r.Read())
            {
                rows++;
                for (var i = 0; i < r.FieldCount; i++)
                {
                    _ = r.GetString(i);
                }
            }
        }

        Console.WriteLine($"{rows} {watch.Elapsed.TotalSeconds:F2}");
    }

    public static void Run(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var mem = bytes.AsMemory(3);
        for (var round = 0; round < 2; round++)
        {
            var w = Stopwatch.StartNew();
            using (var r = CsvReader.Create(mem, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true }))
            {
                long n = 0;
                while (r.Read())
                {
                    for (var i = 0; i < r.FieldCount; i++)
                    {
                        n += r.GetString(i).Length;
                    }
                }
            }

            var t1 = w.Elapsed.TotalMilliseconds;
            w.Restart();
            using (var r = CsvReader.Create(mem, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true, PoolStrings = true }))
            {
                long n = 0;
                while (r.Read())
                {
                    for (var i = 0; i < r.FieldCount; i++)
                    {
                        n += ValueParser.Fold(r.GetString(i)).Length;
                    }
                }
            }

            var t2 = w.Elapsed.TotalMilliseconds;
            w.Restart();
            using (var r = CsvReader.Create(mem, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true, PoolStrings = true }))
            {
                _ = r.ParallelEnumerate(x =>
                {
                    long n = 0;
                    for (var i = 0; i < x.FieldCount; i++)
                    {
                        n += ValueParser.Fold(x.GetString(i)).Length;
                    }

                    return n;
                }, -1).Sum();
            }

            Console.WriteLine($"{Path.GetFileName(path)}: GetString {t1:F0} ms; pooled+Fold {t2:F0} ms; parallel pooled+Fold {w.Elapsed.TotalMilliseconds:F0} ms");
        }
    }
}

internal static class MapCost
{
    public static void Run(string path)
    {
        var schema = Tables.All.First(x => x.FileName == Path.GetFileName(path));
        var parse = RowParsersFor(schema);
        for (var round = 0; round < 2; round++)
        {
            var d = new List<Assessment.Core.Diagnostics.Diagnostic>();
            var w = Stopwatch.StartNew();
            var t = CsvTableReader.Read(schema, path, ReadOptions.Default, d);
            var open = w.Elapsed.TotalMilliseconds;
            w.Restart();
            var n = t.Map(c => c.Line).Count();
            var raw = w.Elapsed.TotalMilliseconds;
            w.Restart();
            t = CsvTableReader.Read(schema, path, ReadOptions.Default, d);
            var rows = t.Map(parse).Count(x => x is not null);
            var typed = w.Elapsed.TotalMilliseconds;
            Console.WriteLine($"{schema.Name}: open {open:F0} ms; load records {raw:F0} ms ({n}); + typed rows {typed:F0} ms ({rows})");
        }
    }

    private static Func<Cells, object?> RowParsersFor(TableSchema s) => s.Name switch
    {
        "members" => RowParsers.Member,
        "sessions" => RowParsers.Session,
        "speeches" => RowParsers.Speech,
        _ => RowParsers.Attendance,
    };
}

internal static class PoolCheck
{
    public static void Run(string path)
    {
        var mem = File.ReadAllBytes(path).AsMemory(3);
        foreach (var parallel in new[] { false, true })
        {
            using var r = CsvReader.Create(mem, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true, PoolStrings = true });
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            var values = new HashSet<string>();
            IEnumerable<string> ids = parallel ? r.ParallelEnumerate(x => x.GetString(0), -1) : Seq(r);
            foreach (var id in ids)
            {
                seen.Add(id);
                values.Add(id);
            }

            Console.WriteLine($"{(parallel ? "parallel" : "sequential")}: {values.Count} distinct unit ids, {seen.Count} string instances");
        }
    }

    private static IEnumerable<string> Seq(CsvReader r)
    {
        while (r.Read())
        {
            yield return r.GetString(0);
        }
    }
}
