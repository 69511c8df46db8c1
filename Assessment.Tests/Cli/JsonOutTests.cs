using System.Text;
using Assessment.Cli.Rendering;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Tests.Cli;

/// <summary>The tool writes JSON with its own writer (<see cref="JsonOut"/>) for speed; its bytes must be those that
/// Newtonsoft.Json's indented writer gave, which the oracle <see cref="NewtonsoftJsonRenderer"/> still produces.</summary>
public sealed class JsonOutTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    // Characters that escape differently, or not at all: controls, quotes, backslash, the three line separators
    // Newtonsoft escapes, CJK, full-width forms, a lone and a paired surrogate, the replacement character; and the
    // neighbours of the separators in UTF-8 (C2 84, C2 86, E2 80 A7, E2 80 AA, E2 86 92, E2 89 A5), which are not escaped.
    private static readonly char[] Pool =
    [
        'a', 'Z', '0', ' ', '"', '\\', '/', '\'', '<', '&', '\n', '\r', '\t', '\b', '\f', '\0', '\u0001', '\u001f', '\u007f',
        '\u0085', '\u00a0', '\u2028', '\u2029', '中', '心', '组', '：', '　', 'Ａ', '\ud83d', '\ude00', '\ufffd', '\ufeff',
        '\u0084', '\u0086', '\u2027', '\u202a', '→', '≥',
    ];

    [Fact]
    public void Strings_AreEscapedExactlyAsNewtonsoftEscapesThem()
    {
        var random = new Random(20261128);
        var values = Enumerable.Range(0, 3000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => Pool[random.Next(Pool.Length)]).ToArray()))
            .Append(new string('x', 70_000) + "\"" + new string('中', 70_000)) // longer than the writer's buffer
            .ToArray();

        Write(j =>
        {
            j.StartArray();
            foreach (var v in values)
            {
                j.String(v);
            }

            j.EndArray();
        }).Should().Equal(WriteNewtonsoft(j =>
        {
            j.WriteStartArray();
            foreach (var v in values)
            {
                j.WriteValue(v);
            }

            j.WriteEndArray();
        }));
    }

    [Fact]
    public void Fragments_PlacedInADocument_WriteWhatWritingDirectlyWrites()
    {
        // Units are rendered on the scoring threads by fragment writers and placed by the document's writer. Values
        // large enough to grow a fragment's buffer (32 KB) and to pass the document writer's (64 KB) are included.
        var random = new Random(7);
        string[] Strings(int n) => Enumerable.Range(0, n)
            .Select(_ => new string(Enumerable.Range(0, random.Next(0, 30)).Select(_ => Pool[random.Next(Pool.Length)]).ToArray())).ToArray();
        // The last value is larger than FragmentPool's largest pooled array (16 MB): rented outside the pool, and
        // dropped when given back.
        var values = new[] { Strings(0), Strings(3), Strings(4000), Strings(1), Strings(12_000), [new string('中', 6_000_000)] };
        var members = Strings(9000);

        void Value(JsonOut j, string[] strings)
        {
            j.StartObject();
            j.Name("n");
            j.Number(strings.Length);
            j.Name("s");
            j.StartArray();
            foreach (var v in strings)
            {
                j.String(v);
            }

            j.EndArray();
            j.EndObject();
        }

        void Members(JsonOut j)
        {
            j.Name("more");
            j.StartArray();
            foreach (var v in members)
            {
                j.String(v);
            }

            j.EndArray();
            j.Name("last");
            j.Bool(true);
        }

        var direct = Write(j =>
        {
            j.StartObject();
            j.Name("units");
            j.StartArray();
            foreach (var v in values)
            {
                Value(j, v);
            }

            j.EndArray();
            Members(j);
            j.EndObject();
        });

        var unit = JsonOut.Fragment("\n", 2);
        var rendered = values.Select(v =>
        {
            Value(unit, v);
            return unit.Detach();
        }).ToList();
        var blocks = new PooledBlocks();
        var rest = JsonOut.MembersFragment(blocks, "\n", 1);
        Members(rest);
        rest.Flush();
        rendered.Max(r => r.Length).Should().BeGreaterThan(1 << 16, "one value is larger than the document writer's buffer");

        Write(j =>
        {
            j.StartObject();
            j.Name("units");
            j.StartArray();
            foreach (var (bytes, length) in rendered)
            {
                j.Rendered(bytes.AsSpan(0, length));
            }

            j.EndArray();
            var pieces = 0;
            blocks.Drain(b =>
            {
                pieces++;
                j.RenderedMembers(b);
            });
            pieces.Should().BeGreaterThan(1, "the members fill more than one block");
            j.EndObject();
        }).Should().Equal(direct);

        rendered[^1].Length.Should().BeGreaterThan(1 << 24, "one value is larger than the pool's largest array");
        foreach (var (bytes, _) in rendered)
        {
            JsonOut.FragmentPool.Return(bytes); // as the tool does once a unit is written; the oversized one is dropped
        }
    }

    [Fact]
    public void Names_CachedUncachedAndOverlong_AreWrittenAsNewtonsoftWritesThem()
    {
        // The writer keeps the bytes of up to 1,024 names, each short enough to be escaped in its buffer; the others
        // (here 1,100 distinct names and one of 30,000 characters with characters to escape) are written each time.
        var names = Enumerable.Range(0, 1100).Select(i => $"name{i}\"\u2028中").Append(new string('名', 30_000) + "\n\"").ToArray();
        var ordered = names.Concat(names).ToArray(); // the second time from the cache where there is one

        Write(j =>
        {
            j.StartArray();
            foreach (var n in ordered)
            {
                j.StartObject();
                j.Name(n);
                j.Number(1);
                j.EndObject();
            }

            j.EndArray();
        }).Should().Equal(WriteNewtonsoft(j =>
        {
            j.WriteStartArray();
            foreach (var n in ordered)
            {
                j.WriteStartObject();
                j.WritePropertyName(n);
                j.WriteValue(1);
                j.WriteEndObject();
            }

            j.WriteEndArray();
        }));
    }

    [Fact]
    public void Decimals_AreWrittenAsNumbersFormatWritesThem()
    {
        var random = new Random(2811);
        var values = Enumerable.Range(0, 50_000).Select(_ =>
        {
            var d = new decimal(random.Next(), random.Next(3) == 0 ? random.Next() : 0, random.Next(4) == 0 ? random.Next() : 0,
                random.Next(2) == 0, (byte)random.Next(29));
            return random.Next(3) == 0 ? Math.Round(d, random.Next(5)) : d;
        }).Concat([0m, 0.00m, new decimal(0, 0, 0, true, 2), 100m, 83.50m, decimal.MaxValue, decimal.MinValue, 1e-28m]).ToArray();

        var written = Encoding.UTF8.GetString(Write(j =>
        {
            j.StartArray();
            foreach (var v in values)
            {
                j.Number(v);
            }

            j.EndArray();
        }));

        written.Split('\n').Skip(1).SkipLast(1).Select(l => l.Trim().TrimEnd(',')).Should().Equal(values.Select(Numbers.Format));
    }

    [Fact]
    public void Layout_NestedAndEmptyContainers_MatchNewtonsoft()
    {
        Write(j =>
        {
            j.StartObject();
            j.Name("a");
            j.StartArray();
            j.EndArray();
            j.Name("b");
            j.StartObject();
            j.EndObject();
            j.Name("c");
            j.StartArray();
            j.StartObject();
            j.Name("n");
            j.Number(-12);
            j.Name("r");
            j.Number(83.50m);
            j.Name("t");
            j.Bool(true);
            j.Name("f");
            j.Bool(false);
            j.Name("z");
            j.Null();
            j.Name("s");
            j.String(null);
            j.EndObject();
            j.StartArray();
            j.Number(int.MinValue);
            j.StartArray();
            j.EndArray();
            j.EndArray();
            j.EndArray();
            j.EndObject();
        }).Should().Equal(WriteNewtonsoft(j =>
        {
            j.WriteStartObject();
            j.WritePropertyName("a");
            j.WriteStartArray();
            j.WriteEndArray();
            j.WritePropertyName("b");
            j.WriteStartObject();
            j.WriteEndObject();
            j.WritePropertyName("c");
            j.WriteStartArray();
            j.WriteStartObject();
            j.WritePropertyName("n");
            j.WriteValue(-12);
            j.WritePropertyName("r");
            j.WriteValue(83.5m);
            j.WritePropertyName("t");
            j.WriteValue(true);
            j.WritePropertyName("f");
            j.WriteValue(false);
            j.WritePropertyName("z");
            j.WriteNull();
            j.WritePropertyName("s");
            j.WriteValue((string?)null);
            j.WriteEndObject();
            j.WriteStartArray();
            j.WriteValue(int.MinValue);
            j.WriteStartArray();
            j.WriteEndArray();
            j.WriteEndArray();
            j.WriteEndArray();
            j.WriteEndObject();
        }));
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public void Renderer_Sample_IsByteForByteTheNewtonsoftOutput(string lang)
    {
        var (export, cards) = Scored(CliRunner.Sample);

        Render(export, cards, lang, null).Should().Equal(RenderNewtonsoft(export, cards, lang, null));
    }

    [Fact]
    public void Renderer_ComparisonInvalidUnitsErrorsAndOddText_IsByteForByteTheNewtonsoftOutput()
    {
        // The sample, plus a unit whose name and waiver hold every character that escapes, plus a unit with a bad
        // member row whose value is quoted in its error; compared with a previous run that lacks one unit, has one
        // that is gone, and differs in totals.
        foreach (var f in Directory.GetFiles(CliRunner.Sample, "*.csv"))
        {
            File.Copy(f, Path.Combine(_x.Folder, Path.GetFileName(f)));
        }

        const string odd = "\"引号\" \\ 斜杠\t制表\u2028行\u0085\u2029 \u0001 Ａ";
        var quoted = $"\"{odd.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        File.AppendAllText(Path.Combine(_x.Folder, "units.csv"), $"U900,{quoted},2024\nU901,另一单位,2024\n");
        File.AppendAllText(Path.Combine(_x.Folder, "waivers.csv"), $"U900,XS-06,{quoted},{quoted},2027-03-31\n");
        File.AppendAllText(Path.Combine(_x.Folder, "members.csv"), $"U901,M901,张三,{quoted},是,是\n");
        var (export, cards) = Scored(_x.Folder);
        var u900 = cards.Single(c => c.UnitId == "U900");
        u900.UnitName.Should().Contain("\"").And.Contain("\\").And.Contain("\u2028").And.Contain("\u0085");
        u900.Waivers.Should().ContainSingle();
        export.InvalidUnits.Should().Contain(u => u.UnitId == "U901");

        var previous = JObject.Parse(Encoding.UTF8.GetString(RenderNewtonsoft(export, cards, "zh", null)));
        var units = (JArray)previous["units"]!;
        units[0]!.Remove();
        units[0]!["total"] = units[0]!["total"]!.Value<decimal>() - 2.5m;
        units.Add(new JObject { ["unitId"] = "U099", ["unitName"] = odd, ["year"] = 2023, ["total"] = 70, ["grade"] = "pass" });
        var path = Path.Combine(_x.Folder, "previous.json");
        File.WriteAllText(path, previous.ToString());
        var compared = JsonRenderer.Compared.Of(PreviousRun.Read(path));
        var invalid = new List<(string, IReadOnlyList<string>)> { ("U901", [odd, "第二条"]) };

        Render(export, cards, "zh", compared, invalid).Should().Equal(RenderNewtonsoft(export, cards, "zh", compared, invalid));
    }

    [Fact]
    public void Renderer_GeneratedExport_IsByteForByteTheNewtonsoftOutput()
    {
        new ExportGenerator(61).Write(_x.Folder, 300, "J", AsOf);
        var (export, cards) = Scored(_x.Folder);
        cards.Should().HaveCountGreaterThan(100);

        Render(export, cards, "en", null).Should().Equal(RenderNewtonsoft(export, cards, "en", null));
    }

    private static (Export Export, List<Scorecard> Cards) Scored(string folder)
    {
        var assessor = Assessor.Create();
        var export = CsvExport.Read(folder, assessor.ReadOptions(AsOf));
        return (export, assessor.ScoreAll(export, AsOf).Select(s => s.Scorecard!).ToList());
    }

    private static IReadOnlyList<(string UnitId, IReadOnlyList<string> Errors)> Invalid(Export export) =>
        export.InvalidUnits.Select(u => (u.UnitId, (IReadOnlyList<string>)u.Errors.Select(e => e.Format("zh")).ToArray())).ToList();

    /// <summary>The renderer's bytes in a UTF-8 file (its fast path: straight to the stream under the writer); and
    /// checks on the way that through a plain text writer (stdout) it writes the same text.</summary>
    private static byte[] Render(Export export, List<Scorecard> cards, string lang, JsonRenderer.Compared? compared,
        List<(string, IReadOnlyList<string>)>? extra = null)
    {
        using var file = new MemoryStream();
        using (var w = new StreamWriter(file, new UTF8Encoding(false), 1 << 10) { NewLine = "\n" })
        {
            JsonRenderer.Write(w, Task.FromResult(export), cards, () => [.. Invalid(export), .. extra ?? []], AsOf, lang, compared);
        }

        using var text = new StringWriter { NewLine = "\n" };
        JsonRenderer.Write(text, Task.FromResult(export), cards, () => [.. Invalid(export), .. extra ?? []], AsOf, lang, compared);
        Encoding.UTF8.GetBytes(text.ToString()).Should().Equal(file.ToArray(), "a text writer gets the same JSON as a file");
        return file.ToArray();
    }

    private static byte[] RenderNewtonsoft(Export export, List<Scorecard> cards, string lang, JsonRenderer.Compared? compared,
        List<(string, IReadOnlyList<string>)>? extra = null)
    {
        using var w = new StringWriter { NewLine = "\n" };
        NewtonsoftJsonRenderer.Write(w, export, cards, () => [.. Invalid(export), .. extra ?? []], AsOf, lang,
            compared is null ? null : new NewtonsoftJsonRenderer.Compared(compared.File, compared.AsOf, compared.Delta, compared.Removed));
        return Encoding.UTF8.GetBytes(w.ToString());
    }

    private static byte[] Write(Action<JsonOut> write)
    {
        using var bytes = new MemoryStream();
        var j = new JsonOut(bytes, "\n");
        write(j);
        j.Flush();
        return bytes.ToArray();
    }

    /// <summary>Newtonsoft's output as it reaches a UTF-8 file (a lone surrogate becomes U+FFFD there).</summary>
    private static byte[] WriteNewtonsoft(Action<JsonTextWriter> write)
    {
        var sb = new StringBuilder();
        using (var w = new StringWriter(sb) { NewLine = "\n" })
        using (var j = new JsonTextWriter(w) { Formatting = Formatting.Indented, Indentation = 2 })
        {
            write(j);
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}

/// <summary>JSON written to a TextWriter (a library caller's, or the console's) goes through TextWriterStream, which
/// decodes the UTF-8 bytes; a unit larger than the JSON writer's buffer reaches it in one write.</summary>
public sealed class TextWriterStreamTests
{
    [Fact]
    public void Writes_LargeAndSplitAcrossCharacters_DecodeToTheSameText()
    {
        var text = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"单位{i}：√ ×→😀 ")); // 1- to 4-byte characters
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.Length.Should().BeGreaterThan(3 * (1 << 16), "one write is larger than the stream's first char buffer");
        using var w = new StringWriter();
        var stream = new TextWriterStream(w);

        // Pieces of 1, 2, 3, 5 bytes (cutting through characters), then the rest of the text in one write.
        var at = 0;
        foreach (var n in new[] { 1, 2, 3, 5, 7, 11 })
        {
            stream.Write(bytes, at, n);
            at += n;
        }

        stream.Write(bytes.AsSpan(at));
        stream.Flush();

        w.ToString().Should().Be(text);
    }
}
