using System.Text;
using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Writing;
using Assessment.Rules.Engine;
using Assessment.Tests.Reliability;
using Assessment.Tests.TestAssets;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Tests.Core;

/// <summary><see cref="JsonExport.Stream"/> reads a JSON export unit by unit. Whatever it hands on and returns must be
/// exactly what <see cref="JsonExport.Read"/> gives: the same units and rows, the same diagnostics in the same order, the
/// same invalid units and counts (directives after the units too, found by a first pass); and when it cannot be (a unit
/// listed twice, a syntax error found late) it must say so instead of handing on a wrong unit.</summary>
public sealed class JsonStreamedReadTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private string Path => System.IO.Path.Combine(_x.Folder, "export.json");

    /// <summary>Streams the file, keeping what is handed on, and returns the export as if read whole.</summary>
    private static Export Streamed(string path, ReadOptions options, List<UnitRecord>? handed = null)
    {
        handed ??= [];
        var export = JsonExport.Stream(path, options, handed.Add);
        export.StreamedUnitIds.Should().Equal(handed.Select(u => u.UnitId));
        export.Units.Should().BeEmpty();
        return export with { Units = handed, StreamedUnitIds = null };
    }

    private static void SameAsWhole(string path, ReadOptions options)
    {
        var streamed = Streamed(path, options);
        ParallelReadTests.Describe(streamed).Should().Equal(ParallelReadTests.Describe(JsonExport.Read(path, options)));
    }

    /// <summary>A generated export as <c>assess convert</c> writes it to JSON (directives and waivers first).</summary>
    private JObject Generated(int seed, int units)
    {
        var csv = Directory.CreateDirectory(System.IO.Path.Combine(_x.Folder, "csv")).FullName;
        new ExportGenerator(seed).Write(csv, units, $"J{seed}-", AsOf);
        ExportWriters.WriteJson(CsvExport.Read(csv, new ReadOptions { AsOf = AsOf }), Path);
        return JObject.Parse(File.ReadAllText(Path));
    }

    private void Write(JToken tree) => File.WriteAllText(Path, tree.ToString(Formatting.Indented), new UTF8Encoding(false));

    // Generated exports (expired waivers, waivers of items that cannot be waived, directives of every unit and of one),
    // mutated at random in a few places: values of the wrong type, entries removed, huge or empty values.
    [Theory]
    [InlineData(51, 40, 0, false)]
    [InlineData(52, 40, 0, true)]
    [InlineData(53, 40, 4, false)]
    [InlineData(54, 40, 8, true)]
    [InlineData(55, 300, 6, false)]
    public void Stream_GivesWhatReadGives(int seed, int units, int mutations, bool strict)
    {
        var tree = Generated(seed, units);
        tree.Properties().First().Name.Should().Be("directives", "convert writes the directives and waivers first");
        var random = new Random(seed);
        for (var i = 0; i < mutations; i++)
        {
            StructuredInputFuzzTests.Mutate(tree, random);
        }

        Write(tree);
        var options = Assessor.Create().ReadOptions(AsOf, strict);
        var handed = new List<UnitRecord>();
        var whole = JsonExport.Read(Path, options);
        Export streamed;
        try
        {
            streamed = Streamed(Path, options, handed);
        }
        catch (ExportNotStreamableException)
        {
            Refusable(whole).Should().BeTrue("a file error found after units were handed on, or a unit listed twice, are the reasons a mutation gives");
            mutations.Should().BePositive();
            return;
        }

        ParallelReadTests.Describe(streamed).Should().Equal(ParallelReadTests.Describe(whole));
        if (mutations == 0)
        {
            streamed.Diagnostics.Should().NotBeEmpty("the generator writes expired waivers and dates outside the year");
            if (!strict)
            {
                handed.Should().NotBeEmpty();
            }
        }
    }

    /// <summary>Whether there is a reason to refuse a read unit by unit that a mutation can give: a file error (found
    /// after units were handed on) or a unit listed twice. (Directives or waivers removed or moved are no reason: a first
    /// pass finds them.)</summary>
    private static bool Refusable(Export whole) =>
        whole.HasFileErrors || whole.Diagnostics.Any(d => d.Column == "unit_id" && d.Message == Assessment.Core.Diagnostics.Messages.DuplicateId);

    [Fact]
    public void Stream_OfTheSample_GivesWhatReadGives()
    {
        var path = System.IO.Path.Combine(CliRunner.Sample, "sample.json");
        var options = Assessor.Create().ReadOptions(AsOf);
        var streamed = Streamed(path, options);
        ParallelReadTests.Describe(streamed).Should().Equal(ParallelReadTests.Describe(JsonExport.Read(path, options)));
        streamed.Units.Should().HaveCount(8);
        streamed.Units.Single(u => u.UnitId == "U003").Directives.Select(d => d.DirectiveId).Should().Equal("D2401", "D2402", "D2403", "D2404");
        streamed.Units.Single(u => u.UnitId == "U008").Waivers.Should().ContainSingle();
    }

    // The sample mutated at random, many times: each either streams to what the whole read gives or says it cannot.
    [Fact]
    public void Stream_OfMutatedSamples_GivesWhatReadGives_OrSaysItCannot()
    {
        var original = JToken.Parse(File.ReadAllText(System.IO.Path.Combine(CliRunner.Sample, "sample.json")));
        var random = new Random(20261129);
        var options = Assessor.Create().ReadOptions(AsOf);
        var (streamed, refused) = (0, 0);
        for (var i = 0; i < 120; i++)
        {
            var tree = original.DeepClone();
            var what = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                what.Add(StructuredInputFuzzTests.Mutate(tree, random));
            }

            Write(tree);
            Export export;
            try
            {
                export = Streamed(Path, options with { Strict = i % 3 == 0 });
            }
            catch (ExportNotStreamableException)
            {
                Refusable(JsonExport.Read(Path, options with { Strict = i % 3 == 0 })).Should().BeTrue($"iteration {i}: {string.Join("; ", what)}");
                refused++;
                continue;
            }

            streamed++;
            ParallelReadTests.Describe(export).Should().Equal(ParallelReadTests.Describe(JsonExport.Read(Path, options with { Strict = i % 3 == 0 })),
                $"iteration {i}: {string.Join("; ", what)}");
        }

        streamed.Should().BeGreaterThan(40, "most mutations leave a file that can be read unit by unit");
    }

    [Theory]
    [InlineData("directives last")]
    [InlineData("empty directives last")]
    [InlineData("no waivers")]
    public void Stream_DirectivesOrWaiversNotBeforeTheUnits_AreFoundByAFirstPass(string how)
    {
        // They might come after the units, as convert wrote them before: the units are not handed on without them. The
        // file is read for them first, then unit by unit.
        var tree = Generated(56, 30);
        switch (how)
        {
            case "directives last":
                tree.WithDirectivesLast();
                break;
            case "empty directives last":
                tree.Property("directives")!.Remove();
                tree.Add(new JProperty("directives", new JArray()));
                break;
            default:
                tree.Property("waivers")!.Remove();
                break;
        }

        Write(tree);
        var options = new ReadOptions { AsOf = AsOf };
        var handed = new List<UnitRecord>();

        var streamed = Streamed(Path, options, handed);

        handed.Should().HaveCount(30);
        ParallelReadTests.Describe(streamed).Should().Equal(ParallelReadTests.Describe(JsonExport.Read(Path, options)));
    }

    [Theory]
    [InlineData("cut short")]
    [InlineData("a top-level name twice")]
    public void Stream_ASyntaxErrorAfterTheUnits_IsFoundByTheFirstPass_BeforeAnythingIsHandedOn(string how)
    {
        var tree = Generated(57, 20);
        tree.WithDirectivesLast();
        Write(tree);
        var text = File.ReadAllText(Path);
        File.WriteAllText(Path, how == "cut short"
            ? text[..^3] // in the directives, after every unit
            : text[..text.LastIndexOf('}')] + ", \"tool\": 1, \"tool\": 2 }");
        var handed = 0;

        var act = () => JsonExport.Stream(Path, new ReadOptions { AsOf = AsOf }, _ => handed++);

        act.Should().Throw<ExportNotStreamableException>();
        handed.Should().Be(0, "the first pass, for the directives, meets the error before any unit is read");
        JsonExport.Read(Path, new ReadOptions { AsOf = AsOf }).Diagnostics.Should().ContainSingle()
            .Which.Message.Should().Be(Assessment.Core.Diagnostics.Messages.BadJson);
    }

    [Fact]
    public void Stream_AUnitListedTwice_SaysSo()
    {
        var tree = Generated(58, 10);
        var units = (JArray)tree["units"]!;
        units.Add(units[2].DeepClone());
        Write(tree);

        var act = () => JsonExport.Stream(Path, new ReadOptions { AsOf = AsOf }, _ => { });

        act.Should().Throw<ExportNotStreamableException>().WithMessage("*listed twice*");
        JsonExport.Read(Path, new ReadOptions { AsOf = AsOf }).InvalidUnits.Should().ContainSingle(u => u.UnitId == "J58-U002");
    }

    [Fact]
    public void Stream_ASyntaxErrorAfterUnitsWereHandedOn_SaysSo_AndReadReportsIt()
    {
        Generated(59, 20);
        var text = File.ReadAllText(Path);
        File.WriteAllText(Path, text[..^5]); // cut short in the last unit
        var handed = 0;

        var act = () => JsonExport.Stream(Path, new ReadOptions { AsOf = AsOf }, _ => handed++);

        act.Should().Throw<ExportNotStreamableException>();
        handed.Should().BeGreaterThan(0);
        JsonExport.Read(Path, new ReadOptions { AsOf = AsOf }).Diagnostics.Should().ContainSingle()
            .Which.Message.Should().Be(Assessment.Core.Diagnostics.Messages.BadJson);
    }

    /// <summary>The encodings a JSON export may be in (docs/export-format.md), as written by a test.</summary>
    private static Encoding EncodingOf(string name) => name switch
    {
        "utf-8-bom" => new UTF8Encoding(true),
        "utf-16le" => new UnicodeEncoding(false, true),
        "utf-16be" => new UnicodeEncoding(true, true),
        _ => TempExport.Gb18030,
    };

    /// <summary>What reading the same text gives when it is written in UTF-8 to the same path (the read of such a file
    /// is checked against the whole read by every test above).</summary>
    private string[] Utf8Twin(string text, ReadOptions options)
    {
        File.WriteAllText(Path, text, new UTF8Encoding(false));
        return [.. ParallelReadTests.Describe(JsonExport.Read(Path, options with { Encoding = null }))];
    }

    /// <summary>Writes the text in <paramref name="encoding"/>, streams it and reads it, and checks that each gives what
    /// its UTF-8 twin gives; returns the names of the units handed on.</summary>
    private IEnumerable<string> StreamedAsItsUtf8Twin(string text, ReadOptions options, Encoding encoding)
    {
        var twin = Utf8Twin(text, options);
        File.WriteAllText(Path, text, encoding);
        var handed = new List<UnitRecord>();
        ParallelReadTests.Describe(Streamed(Path, options, handed)).Should().Equal(twin);
        ParallelReadTests.Describe(JsonExport.Read(Path, options)).Should().Equal(twin);
        return handed.Select(u => u.Unit.UnitName);
    }

    [Theory]
    [InlineData("gb18030")]
    [InlineData("gb18030 asked for")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-8-bom")]
    public void Stream_AFileInAnotherEncoding_IsReadUnitByUnit_AsItsUtf8Twin(string encoding)
    {
        // A GB18030 export of 20,000 units read whole took 2.2 GB: its bytes, its text, and the trees.
        var text = File.ReadAllText(System.IO.Path.Combine(CliRunner.Sample, "sample.json"));
        var options = new ReadOptions { AsOf = AsOf, Encoding = encoding == "gb18030 asked for" ? TempExport.Gb18030 : null };
        StreamedAsItsUtf8Twin(text, options, EncodingOf(encoding.Split(' ')[0])).Should().HaveCount(8);
    }

    [Fact]
    public void Stream_Gb18030WhoseFirstUnitsAreAscii_IsKnownByItsFirstMegabyte_BeforeAnythingIsHandedOn()
    {
        // Read as UTF-8, the first units would be handed on before the fourth's Chinese name showed otherwise: a unit is
        // handed on once the next has been read and what follows it has begun, and the text is decoded in blocks of
        // 64 KB, so the name comes 128 KB on. (The directives and waivers come first: else a first pass for them would
        // find the Chinese before any unit.)
        var units = Enumerable.Range(1, 4).Select(i => $$"""{ "unitId": "U{{i}}", "unitName": "{{(i < 4 ? $"Unit {i}" : "四号")}}", "year": 2024 }""").ToList();
        var text = $$"""{ "directives": [], "waivers": [], "units": [ {{units[0]}}, {{units[1]}}, {{units[2]}}, {{new string(' ', 1 << 17)}}{{units[3]}} ] }""";
        var options = new ReadOptions { AsOf = AsOf };
        StreamedAsItsUtf8Twin(text, options, TempExport.Gb18030).Should().Equal("Unit 1", "Unit 2", "Unit 3", "四号");
    }

    [Fact]
    public void Stream_Utf8WhoseFirstMegabyteEndsInsideACharacter_IsReadAsUtf8()
    {
        // The megabyte that shows the encoding ends after the first of the three bytes of 一: no sign of another one.
        const string Rest = """ "directives": [], "waivers": [], "units": [ { "unitId": "U1", "unitName": "一号", "year": 2024 } ] }""";
        var before = Encoding.UTF8.GetByteCount(Rest[..Rest.IndexOf('一', StringComparison.Ordinal)]);
        var text = "{" + new string(' ', (1 << 20) - 2 - before) + Rest;
        Encoding.UTF8.GetBytes(text)[(1 << 20) - 1].Should().Be(Encoding.UTF8.GetBytes("一")[0]);
        var options = new ReadOptions { AsOf = AsOf };
        var twin = Utf8Twin(text, options);

        ParallelReadTests.Describe(Streamed(Path, options)).Should().Equal(twin);
        JsonExport.Read(Path, options).Units.Single().Unit.UnitName.Should().Be("一号");
    }

    [Fact]
    public void Stream_Gb18030WithNoChineseInItsFirstMegabyte_IsReadAgainAsGb18030_WhenNothingWasHandedOn()
    {
        // A megabyte of blanks before the document: the file is taken for UTF-8 until the first unit's name, and since
        // that unit was not handed on yet, it is read again from the start as GB18030.
        var text = new string(' ', 1 << 20) + """{ "directives": [], "waivers": [], "units": [ { "unitId": "U1", "unitName": "一号", "year": 2024 }, { "unitId": "U2", "unitName": "二号", "year": 2024 } ] }""";
        var options = new ReadOptions { AsOf = AsOf };
        StreamedAsItsUtf8Twin(text, options, TempExport.Gb18030).Should().Equal("一号", "二号");
    }

    [Fact]
    public void Stream_Gb18030WhoseFirstChineseComesAfterAUnitWasHandedOn_SaysSo_AndReadGivesItsTwin()
    {
        // (A unit is handed on once the next has been read and what follows it has begun, and the text is decoded in
        // blocks of 64 KB: the third unit begins a megabyte on, and the fourth's Chinese name 128 KB after it.)
        var units = Enumerable.Range(1, 4).Select(i => $$"""{ "unitId": "U{{i}}", "unitName": "{{(i < 4 ? $"Unit {i}" : "四号")}}", "year": 2024 }""").ToList();
        var text = $$"""{ "directives": [], "waivers": [], "units": [ {{units[0]}}, {{units[1]}}, {{new string(' ', 1 << 20)}}{{units[2]}}, {{new string(' ', 1 << 17)}}{{units[3]}} ] }""";
        var options = new ReadOptions { AsOf = AsOf };
        var twin = Utf8Twin(text, options);
        File.WriteAllText(Path, text, TempExport.Gb18030);
        var handed = 0;

        var act = () => JsonExport.Stream(Path, options, _ => handed++);

        act.Should().Throw<ExportNotStreamableException>().WithInnerException<DecoderFallbackException>();
        act.Should().Throw<ExportNotStreamableException>().Which.NoText.Should().BeFalse("the file is GB18030: the whole read reads it");
        handed.Should().BeGreaterThan(0, "units were handed on as UTF-8");
        ParallelReadTests.Describe(JsonExport.Read(Path, options)).Should().Equal(twin);
    }

    [Theory]
    [InlineData("utf-8", "\u4e00")]
    [InlineData("gb18030", "\u4e00")]
    [InlineData("utf-8", "")]
    public void Stream_BytesOfNoTextAfterUnitsWereHandedOn_SaySo_AndReadFindsTheErrorAsTheFileStreams(string encoding, string first)
    {
        // A bad byte in the last unit, after others were handed on: in no encoding the whole read could choose (a file
        // taken for UTF-8 is also no GB18030), which is all the whole read would say (NoText). The command line then
        // finds it as the file streams (JsonExport.ReadNoText), as Read itself now does, instead of reading the export
        // again unit by unit keeping the units and then whole (2.1 GB at 40,000 units). A file with no Chinese first
        // is taken for UTF-8 by guess, and then checked as GB18030 to the end.
        var units = Enumerable.Range(1, 4).Select(i => $$"""{ "unitId": "U{{i}}", "unitName": "{{first}}{{i}}", "year": 2024 }""").ToList();
        var text = $$"""{ "directives": [], "waivers": [], "units": [ {{units[0]}}, {{units[1]}}, {{new string(' ', 1 << 20)}}{{units[2]}}, {{new string(' ', 1 << 17)}}{{units[3]}} ] }""";
        var bytes = (encoding == "utf-8" ? new UTF8Encoding(false) : TempExport.Gb18030).GetBytes(text);
        var at = bytes.AsSpan().LastIndexOf("\"U4\""u8) + 2;
        File.WriteAllBytes(Path, [.. bytes[..at], 0xFF, .. bytes[at..]]);
        var options = new ReadOptions { AsOf = AsOf };
        var handed = 0;

        var act = () => JsonExport.Stream(Path, options, _ => handed++);

        act.Should().Throw<ExportNotStreamableException>().Which.NoText.Should().BeTrue();
        handed.Should().BeGreaterThan(0);
        var expected = new { File = "export.json", Line = 1, Path = "units[3].unitId", Column = "unit_id", UnitId = (string?)null, Code = Messages.BadEncoding.Code };
        JsonExport.ReadNoText(Path, options).Diagnostics.Should().ContainSingle().Which.Should().BeEquivalentTo(expected);
        JsonExport.Read(Path, options).Diagnostics.Should().ContainSingle().Which.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Stream_Gb18030WithItsDirectivesLast_WhoseFirstChineseIsFarOn_IsFoundByTheFirstPass()
    {
        // The first pass, for the directives and waivers, reads the whole file before any unit is handed on: the bytes
        // that are not UTF-8 are found then, and both passes are made again as GB18030.
        var units = Enumerable.Range(1, 3).Select(i => $$"""{ "unitId": "U{{i}}", "unitName": "{{(i < 3 ? $"Unit {i}" : "三号")}}", "year": 2024 }""").ToList();
        var text = $$"""{ "units": [ {{units[0]}}, {{units[1]}}, {{new string(' ', 1 << 20)}}{{units[2]}} ], "directives": [], "waivers": [] }""";
        var options = new ReadOptions { AsOf = AsOf };
        StreamedAsItsUtf8Twin(text, options, TempExport.Gb18030).Should().Equal("Unit 1", "Unit 2", "三号");
    }

    [Fact]
    public void Stream_ByteOrderMarkOfAnEncodingAskedFor_IsKeptAsTheWholeReadKeepsIt()
    {
        // Asked for, UTF-32 decodes its mark as a character, which no JSON may start with; a StreamReader would drop it.
        var utf32 = new UTF32Encoding(true, true);
        File.WriteAllText(Path, """{ "units": [] }""", utf32);
        var options = new ReadOptions { AsOf = AsOf, Encoding = Encoding.GetEncoding(utf32.CodePage) };

        var act = () => JsonExport.Stream(Path, options, _ => { });

        act.Should().Throw<ExportNotStreamableException>();
        JsonExport.Read(Path, options).Diagnostics.Should().ContainSingle().Which.Code.Should().Be("bad-json");
    }

    [Theory]
    [InlineData("*", "FJ-01", null, false)] // a veto, which cannot be waived, for every unit: a file error
    [InlineData("*", "XS-06", "2024-01-01", true)] // expired, for every unit: with --strict a file error
    [InlineData("U002", "FJ-01", null, false)] // a veto, for one unit: that unit's error
    [InlineData("U002", "XS-06", "2024-01-01", true)] // expired, for one unit: with --strict that unit's error
    [InlineData("U002", "XS-06", "2024-01-01", false)] // expired: a warning
    [InlineData("U999", "XS-06", null, false)] // a unit the export does not have
    public void Stream_Waivers_AreJudgedAsTheWholeReadJudgesThem(string unit, string item, string? expires, bool strict)
    {
        var tree = JObject.Parse(File.ReadAllText(System.IO.Path.Combine(CliRunner.Sample, "sample.json")));
        var waiver = new JObject { ["unitId"] = unit, ["itemId"] = item, ["justification"] = "经批准", ["approvedBy"] = "县委宣传部" };
        if (expires is not null)
        {
            waiver["expires"] = expires;
        }

        ((JArray)tree["waivers"]!).Add(waiver);
        Write(tree);
        var options = Assessor.Create().ReadOptions(AsOf, strict);

        SameAsWhole(Path, options);
        var whole = JsonExport.Read(Path, options);
        whole.Diagnostics.Should().Contain(d => d.Column == "item_id" || d.Column == "expires" || d.Column == "unit_id", "the waiver is reported");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("U002")]
    [InlineData("U999")]
    public void Stream_ADirectiveListedTwice_IsJudgedAsTheWholeReadJudgesIt(string unit)
    {
        var tree = JObject.Parse(File.ReadAllText(System.IO.Path.Combine(CliRunner.Sample, "sample.json")));
        ((JArray)tree["directives"]!).Add(new JObject { ["directiveId"] = "D2404", ["unitId"] = unit, ["title"] = "重复", ["issuedDate"] = "2024-05-01" });
        Write(tree);
        SameAsWhole(Path, Assessor.Create().ReadOptions(AsOf));
    }

    [Fact]
    public void Stream_AnUnknownTopLevelProperty_WithStrict_StopsEveryUnit_BeforeOrAfterTheUnits()
    {
        var tree = JObject.Parse(File.ReadAllText(System.IO.Path.Combine(CliRunner.Sample, "sample.json")));
        tree.AddFirst(new JProperty("extra", 1));
        Write(tree);
        var options = Assessor.Create().ReadOptions(AsOf, strict: true);
        var handed = new List<UnitRecord>();
        var streamed = Streamed(Path, options, handed);
        handed.Should().BeEmpty("a warning of no unit is a file error with --strict, known before the first unit");
        ParallelReadTests.Describe(streamed).Should().Equal(ParallelReadTests.Describe(JsonExport.Read(Path, options)));

        tree.Property("extra")!.Remove();
        tree.Add(new JProperty("extra", 1));
        Write(tree);
        var act = () => JsonExport.Stream(Path, options, _ => { });
        act.Should().Throw<ExportNotStreamableException>("found after the units were handed on");
    }

    [Fact]
    public void Stream_KeepsNoUnitOnceItIsHandedOn()
    {
        Generated(60, 300);
        StreamedReadTests.LetsHandedUnitsGo(onUnit => JsonExport.Stream(Path, new ReadOptions { AsOf = AsOf }, onUnit))
            .Should().BeTrue("the read holds the unit being read, not those it has handed on");
    }

    [Fact]
    public void Stream_HandsUnitsOnOnTheCallingThread_ThoughItsTokensAreReadOnAnother()
    {
        Generated(62, 100);
        var caller = Environment.CurrentManagedThreadId;
        var threads = new HashSet<int>();

        JsonExport.Stream(Path, new ReadOptions { AsOf = AsOf }, _ => threads.Add(Environment.CurrentManagedThreadId));

        threads.Should().Equal(caller);
    }

    [Fact]
    public void Stream_WhenTheCallerFails_StopsItsTokensAndGivesBackTheCallersError()
    {
        // The tokens run up to 64 units ahead: a failure of the caller's (or of a unit's step) must stop them and come
        // back as it is, not wait for the file's end nor hang on a full queue.
        Generated(63, 300);
        var failure = new InvalidOperationException("the caller's own");
        var handed = 0;

        var read = Task.Run(() => JsonExport.Stream(Path, new ReadOptions { AsOf = AsOf }, _ =>
        {
            if (++handed == 3)
            {
                throw failure;
            }
        }));

        var finished = ((IAsyncResult)read).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(60));
        finished.Should().BeTrue("the read must not hang");
        read.Exception!.InnerException.Should().BeSameAs(failure);
        handed.Should().Be(3);
    }

    [Fact]
    public void Stream_Cancelled_StopsPromptly()
    {
        Generated(61, 300);
        StreamedReadTests.UnitsHandedOnOnceCancelledAtTheFifth((token, onUnit) => JsonExport.Stream(Path, new ReadOptions { AsOf = AsOf, Cancellation = token }, onUnit))
            .Should().Be(5, "the read stops at the next unit");
    }
}
