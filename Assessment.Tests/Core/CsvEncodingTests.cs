using System.Text;
using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Core;

/// <summary>A CSV file that is not UTF-8 is decoded a block at a time into UTF-8 bytes and then read in place, as a UTF-8
/// file is (it was decoded whole into one string: twice its characters' bytes). It must read as its UTF-8 twin, and
/// judge its first line and its blankness on its whole text, as when it was one string.</summary>
public sealed class CsvEncodingTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);
    private readonly TempExport _x = new();
    private readonly TempExport _twin = new();

    public void Dispose()
    {
        _x.Dispose();
        _twin.Dispose();
    }

    private static Encoding EncodingOf(string name) => name switch
    {
        "utf-16le" => new UnicodeEncoding(false, true),
        "utf-16be" => new UnicodeEncoding(true, true),
        _ => TempExport.Gb18030,
    };

    [Theory]
    [InlineData("gb18030")]
    [InlineData("gb18030 asked for")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void Read_AnExportInAnotherEncoding_GivesWhatItsUtf8TwinGives(string encoding)
    {
        // 150 units: attendance.csv holds several blocks of 64 K characters, cut inside characters.
        new ExportGenerator(21).Write(_twin.Folder, 150, "E", AsOf);
        foreach (var path in Directory.GetFiles(_twin.Folder, "*.csv"))
        {
            // (The generator writes some files in GB18030 already, and names some in Chinese: the twin is made all UTF-8.)
            TextDecoder.TryDecode(File.ReadAllBytes(path), null, out var text, out _).Should().BeTrue();
            File.WriteAllText(path, text, new UTF8Encoding(false));
            _x.Write(Path.GetFileName(path), text, EncodingOf(encoding.Split(' ')[0]));
        }

        var options = new ReadOptions { AsOf = AsOf, Encoding = encoding == "gb18030 asked for" ? TextDecoder.Resolve("gb18030") : null };
        new FileInfo(Path.Combine(_x.Folder, "attendance.csv")).Length.Should().BeGreaterThan(256 << 10);

        var twin = ParallelReadTests.Describe(CsvExport.Read(_twin.Folder, options with { Encoding = null })).ToList();
        twin.Should().Contain(d => d.Contains("units.csv", StringComparison.Ordinal), "the twin has diagnostics to compare");
        ParallelReadTests.Describe(CsvExport.Read(_x.Folder, options)).Should().Equal(twin);
        var handed = new List<Assessment.Core.Model.UnitRecord>();
        var streamed = CsvExport.Stream(_x.Folder, options, handed.Add);
        ParallelReadTests.Describe(streamed with { Units = handed, StreamedUnitIds = null }).Should().Equal(twin);
    }

    [Fact]
    public void Read_CharactersBeyondTheBasicPlane_AcrossBlocks_AreKept()
    {
        // Each 😀 is four bytes in GB18030 and two UTF-16 characters: some pair falls across a block's end.
        var rows = Enumerable.Range(1, 3000).Select(i => $"U{i},😀单位😀{i},2024");
        _x.Write("units.csv", "unit_id,unit_name,year\n" + string.Join("\n", rows) + "\n", TempExport.Gb18030);

        var e = _x.Read(new ReadOptions { AsOf = AsOf });

        e.Diagnostics.Should().BeEmpty();
        e.Units.Select(u => u.Unit.UnitName).Should().Equal(Enumerable.Range(1, 3000).Select(i => $"😀单位😀{i}"));
    }

    [Fact]
    public void Read_TabSeparated_AfterMoreThan64KBOfBlankLines_IsFoundTabSeparated()
    {
        // The first non-blank line, which says the separator, is looked for in the whole text, not in its first 64 KB.
        _x.Write("units.csv", new string('\n', 70_000) + "unit_id\tunit_name\tyear\nU1\t一, 号\t2024\n", TempExport.Gb18030);

        var e = _x.Read(new ReadOptions { AsOf = AsOf });

        e.Diagnostics.Should().BeEmpty();
        e.Units.Single().Unit.UnitName.Should().Be("一, 号");
    }

    [Fact]
    public void Read_AFirstLineLongerThan64KB_IsJudgedWhole()
    {
        // A comma past the first 64 KB of the header line makes the file comma-separated, as when it was one string:
        // the header is then one unknown column and a second, and the required ones are missing.
        _x.Write("units.csv", "unit_id\tunit_name\tyear\t" + new string('x', 70_000) + ",y\nU1\t一号\t2024\tx,y\n", TempExport.Gb18030);

        var e = _x.Read(new ReadOptions { AsOf = AsOf });

        e.Diagnostics.Should().Contain(d => d.Severity == Severity.FileError && d.File == "units.csv");
        e.Units.Should().BeEmpty();
    }

    [Fact]
    public void Read_AFileOfIdeographicSpaces_IsEmpty_AsWhenItWasOneString()
    {
        _x.Write("units.csv", TempExport.Units).Write("members.csv", "\u3000\u3000\n\u3000\n", TempExport.Gb18030);

        var e = _x.Read(new ReadOptions { AsOf = AsOf });

        e.Diagnostics.Should().ContainSingle().Which.Should().BeEquivalentTo(new { File = "members.csv", Code = Messages.EmptyFile.Code, Severity = Severity.Warning });
        e.Units.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("utf-8 with a mark", new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0xFF }, "UTF-8", 1, null)]
    [InlineData("utf-16le with a lone surrogate", new byte[] { 0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x00, 0xD8 }, "UTF-16LE", 2, "a")]
    [InlineData("no encoding: both fail on one line, GB18030 named as before", new byte[] { 0x61, 0x2C, 0xFF, 0x0A }, "GB18030", 1, null)]
    public void Read_BytesOfNoText_AreAFileErrorNamingTheEncodingAndTheLine(string what, byte[] bytes, string encoding, int line, string? column)
    {
        _x.Write("units.csv", TempExport.Units).WriteBytes("members.csv", bytes);

        var e = _x.Read(new ReadOptions { AsOf = AsOf });

        e.Diagnostics.Should().ContainSingle(what).Which.Should().BeEquivalentTo(
            new { File = "members.csv", Line = line, Column = column, UnitId = (string?)null, Code = Messages.BadEncoding.Code, Args = new[] { encoding } });
    }

    [Theory]
    [InlineData("utf-8", "\n", 3)]
    [InlineData("utf-8", "\r\n", 3)]
    [InlineData("utf-8", "\r", 3)]
    [InlineData("gb18030", "\n", 3)]
    [InlineData("utf-8", "\n", 5003)]
    [InlineData("gb18030", "\r\n", 5003)]
    public void Read_ABadByte_IsNamedByItsLine_InTheEncodingThatReadsFurther(string encoding, string lineEnd, int line)
    {
        // A UTF-8 file with one bad byte is "not valid UTF-8" on that byte's line, though GB18030 fails earlier (on its
        // first Chinese characters, which GB18030 does not read as UTF-8 writes them); a GB18030 file the other way
        // round. Lines are counted as CsvHelper counts them (\r\n, \r or \n); 5,003 lines take several blocks.
        var rows = Enumerable.Range(1, line - 2).Select(i => $"U1,M{i},成员{i},成员");
        var text = string.Join(lineEnd, ["unit_id,member_id,name,role", .. rows, "U1,MX,"]);
        var start = (encoding == "utf-8" ? new UTF8Encoding(false) : TempExport.Gb18030).GetBytes(text);
        _x.Write("units.csv", TempExport.Units).WriteBytes("members.csv", [.. start, 0xFF, .. Encoding.ASCII.GetBytes(",成员" + lineEnd)]);

        var e = _x.Read(new ReadOptions { AsOf = AsOf });

        e.Diagnostics.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { File = "members.csv", Line = line, Column = "name", UnitId = "U1", Code = Messages.BadEncoding.Code, Args = new[] { encoding.ToUpperInvariant() } });
    }

    [Theory]
    [InlineData("in a value", "unit_id,member_id,name,role\nU1,M1,成员1,成员\nU1,M2,成员{bad}2,成员\n", 3, "name", "U1")]
    [InlineData("in a quoted value spanning lines: the line its record starts on",
        "unit_id,member_id,name,role,study_notes\nU1,M1,成员1,成员,\"第一行\n第二{bad}行\"\n", 2, "study_notes", "U1")]
    [InlineData("after a quoted comma and an escaped quote", "unit_id,member_id,name,role\nU1,M1,\"成,\"\"员\"\"\",成{bad}员\n", 2, "role", "U1")]
    [InlineData("in the unit's own value: no unit", "unit_id,member_id,name,role\nU1,M1,成员1,成员\nU{bad}2,M2,成员2,成员\n", 3, "unit_id", null)]
    [InlineData("first on its line: the first column, no unit", "unit_id,member_id,name,role\nU1,M1,成员1,成员\n{bad}\n", 3, "unit_id", null)]
    [InlineData("in a column of no schema: its header", "unit_id,member_id,name,role,备注\nU1,M1,成员1,成员,好{bad}\n", 2, "备注", "U1")]
    [InlineData("past the header's columns: no column", "unit_id,member_id,name,role\nU1,M1,成员1,成员,多{bad}\n", 2, null, "U1")]
    [InlineData("in the header: its line only", "\n\nunit_id,member_id,na{bad}me,role\nU1,M1,成员1,成员\n", 3, null, null)]
    [InlineData("after blank lines, tab-separated, Chinese headers, full-width unit",
        "\n单位编码\t成员编码\t姓名\t角色\n\n\nＵ１\tM1\t成员{bad}1\t成员\n", 5, "name", "U1")]
    public void Read_ABadByte_IsNamedByTheLineItsRecordStartsOn_ItsColumnAndItsUnit(string what, string text, int line, string? column, string? unit)
    {
        // The text before the bad byte is read as the file would be (quotes, separator, blank lines, headers in
        // either language), in UTF-8 and in GB18030 alike. The unit is named when its value comes before the bad byte.
        foreach (var encoding in new[] { new UTF8Encoding(false), TempExport.Gb18030 })
        {
            var parts = text.Split("{bad}");
            _x.Write("units.csv", TempExport.Units).WriteBytes("members.csv", [.. encoding.GetBytes(parts[0]), 0xFF, .. encoding.GetBytes(parts[1])]);

            var e = _x.Read(new ReadOptions { AsOf = AsOf });

            e.Diagnostics.Should().ContainSingle(what).Which.Should().BeEquivalentTo(
                new { File = "members.csv", Line = line, Column = column, UnitId = unit, Code = Messages.BadEncoding.Code }, $"{what}, in {encoding.WebName}");
        }
    }
}
