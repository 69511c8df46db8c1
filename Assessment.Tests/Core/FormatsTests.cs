using System.Globalization;
using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Writing;
using Assessment.Tests.TestAssets;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Assessment.Tests.Core;

public sealed class JsonExportTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private Export Read(string json) => _x.ReadJson(json);

    private const string TwoUnits = """
        {
          "units": [
            { "unitId": "U1", "unitName": "一号", "year": 2024, "platformActiveRate": "55%",
              "members": [ { "memberId": "M1", "name": "王", "role": ["书记", "成员"] }, { "memberId": "M2", "name": "李", "role": "成员" } ],
              "sessions": [
                { "sessionId": "S1", "date": "2024年3月5日", "durationMinutes": 120, "signIn": true, "contentTags": "新思想；四史",
                  "attendance": [ { "memberId": "M1", "status": "出席" }, { "memberId": "M2", "status": "请假", "leaveApproved": "√" } ],
                  "speeches": [ { "memberId": "M1" }, { "memberId": "M1" } ] } ] },
            { "unitId": "U2", "unitName": "二号", "year": 2024 }
          ],
          "directives": [ { "directiveId": "D1", "unitId": "*", "issuedDate": "2024-02-01" } ]
        }
        """;

    [Fact]
    public void Read_NestedRows_BecomeTheSameRowsAsCsv()
    {
        var e = Read(TwoUnits);

        e.Diagnostics.Should().BeEmpty();
        var u = e.Units[0];
        u.Unit.PlatformActiveRate.Should().Be(0.55m);
        u.Members[0].Roles.Should().Be(MemberRole.Secretary | MemberRole.Member);
        u.Sessions.Single().Should().BeEquivalentTo(new { Date = new DateOnly(2024, 3, 5), DurationMinutes = (int?)120, SignIn = (bool?)true, Tags = new[] { ContentTag.InnovationTheory, ContentTag.PartyHistory } });
        u.Attendance.Select(a => (a.UnitId, a.SessionId, a.MemberId, a.Status)).Should().Equal(("U1", "S1", "M1", AttendanceStatus.Present), ("U1", "S1", "M2", AttendanceStatus.Leave));
        u.Speeches.Should().HaveCount(2);
        e.Units[1].Directives.Single().DirectiveId.Should().Be("D1");
    }

    /// <summary>As in CSV: an attendance row with an error does not also make its session lack that member's row.</summary>
    [Fact]
    public void Read_AnAttendanceRowWithAnError_DoesNotMakeItsSessionLackARow()
    {
        var e = Read("""
            { "units": [ { "unitId": "U1", "unitName": "一号", "year": 2024,
              "members": [ { "memberId": "M1", "name": "王", "role": "书记" }, { "memberId": "M2", "name": "李", "role": "成员" } ],
              "sessions": [
                { "sessionId": "S1", "date": "2024-03-05", "attendance": [ { "memberId": "M1", "status": "出席" }, { "memberId": "M2", "status": "maybe" } ] },
                { "sessionId": "S2", "date": "2024-04-05", "attendance": [ { "memberId": "M1", "status": "出席" } ] } ] } ] }
            """);

        e.Diagnostics.Select(d => (d.Severity, d.Path, d.Code)).Should().Equal(
            (Severity.RowError, "units[0].sessions[0].attendance[1].status", "unknown-word"),
            (Severity.Warning, "units[0].sessions[1].sessionId", "missing-attendance"));
    }

    [Fact]
    public void Read_BadValue_HasJsonPathAndLine()
    {
        var e = Read(TwoUnits.Replace("\"2024年3月5日\", ", "\n\"2024-02-30\",\n", StringComparison.Ordinal));

        var d = e.Diagnostics.Should().ContainSingle().Subject;
        (d.Severity, d.File, d.Line, d.Column, d.UnitId, d.Code, d.Path).Should().Be(
            (Severity.RowError, "export.json", 7, "date", "U1", "bad-date", "units[0].sessions[0].date"));
        e.InvalidUnits.Single().UnitId.Should().Be("U1");
        e.Units.Single().UnitId.Should().Be("U2");
    }

    [Fact]
    public void Read_DuplicateAttendance_IsLocatedAtTheSecondRow()
    {
        var e = Read(TwoUnits.Replace("{ \"memberId\": \"M2\", \"status\": \"请假\"", "{ \"memberId\": \"M1\", \"status\": \"请假\"", StringComparison.Ordinal));

        var d = e.Diagnostics.Where(x => x.Severity == Severity.RowError).Should().ContainSingle().Subject;
        (d.Code, d.Path, d.UnitId).Should().Be(("duplicate-pair", "units[0].sessions[0].attendance[1].memberId", "U1"));
    }

    [Fact]
    public void Read_RowSources_HoldTheirPaths()
    {
        // A row's path is made into text only when asked for; it reads, and compares, as the text it stands for.
        var e = Read(TwoUnits);

        var u = e.Units[0];
        u.Members[1].Source.Should().Be(new RowSource("export.json", 4, "units[0].members[1]"));
        u.Attendance[1].Source.Anchor.Should().Be("units[0].sessions[0].attendance[1]");
        u.Directives.Single().Source.Anchor.Should().Be("directives[0]");
        e.Units[1].Unit.Source.Anchor.Should().Be("units[1]");
        u.Members[1].Source.GetHashCode().Should().Be(new RowSource("export.json", 4, "units[0].members[1]").GetHashCode());
        u.Members[1].Source.Should().NotBe(u.Members[0].Source);
    }

    [Fact]
    public void Read_AnEntryThatIsNoObject_CountsInTheIndexOfTheNext()
    {
        var e = Read("{ \"units\": [ { \"unitId\": \"U1\", \"unitName\": \"一号\", \"year\": 2024, \"members\": [ 5, { \"memberId\": {}, \"name\": \"王\", \"role\": \"书记\" } ] } ] }");

        e.Diagnostics.Select(d => (d.Code, d.Path)).Should().Contain(("json-shape", "units[0].members[0]")).And.Contain(("not-a-value", "units[0].members[1].memberId"));
    }

    [Fact]
    public void Read_UnknownProperty_WarnsOnce()
    {
        var e = Read(TwoUnits.Replace("\"unitName\": \"一号\"", "\"unitName\": \"一号\", \"remark\": 1", StringComparison.Ordinal).Replace("\"unitName\": \"二号\"", "\"unitName\": \"二号\", \"remark\": 2", StringComparison.Ordinal));

        var d = e.Diagnostics.Should().ContainSingle().Subject;
        (d.Severity, d.Code, d.Path).Should().Be((Severity.Warning, "unknown-property", "units[0].remark"));
    }

    [Theory]
    [InlineData("{ \"units\": [ { \"unitId\": \"U1\", ", "bad-json")]
    [InlineData("[1, 2]", "json-shape")]
    [InlineData("{ \"units\": 3 }", "json-shape")]
    [InlineData("{ \"units\": [ 1 ] }", "json-shape")]
    public void Read_BadStructure_IsFileError(string json, string code)
    {
        var e = Read(json);

        e.ExitCode.Should().Be(2);
        e.Diagnostics.Should().Contain(d => d.Severity == Severity.FileError && d.Code == code);
    }

    [Fact]
    public void Read_ObjectWhereAValueBelongs_IsRowErrorOfItsUnit()
    {
        var e = Read("{ \"units\": [ { \"unitId\": \"U1\", \"unitName\": { \"zh\": \"一号\" }, \"year\": 2024 } ] }");

        var d = e.Diagnostics.Where(x => x.Severity == Severity.RowError).Should().ContainSingle(x => x.Code == "not-a-value").Subject;
        (d.UnitId, d.Path).Should().Be(("U1", "units[0].unitName"));
        e.InvalidUnits.Single().UnitId.Should().Be("U1");
    }

    [Fact]
    public void Read_OverTheSizeLimit_IsFileError()
    {
        var path = Path.Combine(_x.Folder, "export.json");
        File.WriteAllText(path, TwoUnits);

        JsonExport.Read(path, new ReadOptions { Limits = ReadLimits.Default with { MaxFileBytes = 100 } })
            .Diagnostics.Should().ContainSingle(d => d.Severity == Severity.FileError && d.Code == "file-too-large" && d.File == "export.json");
    }

    [Fact]
    public void Read_OneUnitAtATime_GivesTheDiagnosticsInTheOrderOfTheWholeTree()
    {
        // The document is read a unit at a time. Its diagnostics still come out as from the whole tree: the top level's
        // unknown properties first, then the units in order, then the directives and waivers, wherever they stand.
        var e = Read("""
            {
              "directives": [ { "directiveId": "D1", "unitId": "*", "issuedDate": "2024-02-01", "remark": 1 } ],
              "units": [
                { "unitId": "U1", "unitName": "一号", "year": 2024, "remark": 1 },
                { "unitId": "U2", "unitName": "二号", "year": 2024, "sessions": [ { "sessionId": "S1", "date": "2024-02-30" } ] }
              ],
              "extra": true
            }
            """);

        // (The values are typed after the document is read, so the bad date comes last.)
        e.Diagnostics.Select(d => (d.Code, d.Line, d.Path)).Should().Equal(
            ("unknown-property", 7, "extra"),
            ("unknown-property", 4, "units[0].remark"),
            ("unknown-property", 2, "directives[0].remark"),
            ("bad-date", 5, "units[1].sessions[0].date"));
        e.Units.Select(u => u.UnitId).Should().Equal("U1");
    }

    [Theory]
    [InlineData("{ \"units\": [ { \"unitId\": \"U1\", \"unitName\": \"一号\", \"year\": 2024 } ], \"directives\": [ { \"directiveId\": \"D1\"",
        "Unexpected end of content while loading JObject. Path 'directives[0].directiveId', line 1, position")]
    [InlineData("{ \"units\": [ { \"unitId\": \"U1\", \"unitName\": \"一号\", \"year\": 2024 } ], \"units\": [] }",
        "Property with the name 'units' already exists in the current JSON object. Path 'units', line 1, position")]
    [InlineData("{ \"units\": [ { \"unitId\": \"U1\", \"unitName\": \"一号\", \"year\": 2024, \"remark\": 1 } ], \"tool\": x }",
        "Unexpected character encountered while parsing value: x.")]
    [InlineData("", "Error reading JToken from JsonReader. Path '', line 0, position 0.")]
    [InlineData("{ \"units\": [] } // done", "text after the end of the JSON value")]
    public void Read_ASyntaxErrorAnywhere_IsTheOnlyDiagnostic(string json, string message)
    {
        // Units read before the error are dropped with their diagnostics (the unknown "remark" above): the file is
        // unusable as a whole, as when it was parsed whole before anything was read.
        var e = Read(json);

        var d = e.Diagnostics.Should().ContainSingle().Subject;
        (d.Severity, d.Code).Should().Be((Severity.FileError, "bad-json"));
        d.Args.Single().Should().StartWith(message);
        e.Units.Should().BeEmpty();
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("gb18030")]
    public void Read_InEveryEncodingOfTheFormat_GivesTheSameUnits(string encoding)
    {
        // Every encoding is decoded as the bytes stream by: the mark's, else UTF-8, else GB18030 (JsonStreamedReadTests).
        var text = encoding switch
        {
            "utf-8-bom" => new System.Text.UTF8Encoding(true),
            "utf-16le" => new System.Text.UnicodeEncoding(false, true),
            "utf-16be" => new System.Text.UnicodeEncoding(true, true),
            _ => TempExport.Gb18030,
        };
        var path = Path.Combine(_x.Folder, "export.json");
        File.WriteAllText(path, TwoUnits, text);

        var e = JsonExport.Read(path);

        e.Diagnostics.Should().BeEmpty();
        e.Units.Select(u => (u.UnitId, u.Unit.UnitName)).Should().Equal(("U1", "一号"), ("U2", "二号"));
    }

    [Fact]
    public void Read_BytesOfNoEncoding_IsAFileError()
    {
        var path = Path.Combine(_x.Folder, "export.json");
        File.WriteAllBytes(path, [.. "{ \"units\": [] }"u8, 0xFF, 0xFE, 0x81]);

        // Not UTF-8, and 0xFF is no GB18030 either: the encoding is reported, not the JSON after it.
        var d = JsonExport.Read(path).Diagnostics.Should().ContainSingle().Subject;

        (d.Severity, d.Code, d.Args.Single()).Should().Be((Severity.FileError, "bad-encoding", "GB18030"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_ABadByte_IsReportedOnItsLine(bool gb18030)
    {
        // Read unit by unit, the file turns out not to be text and is read whole, which names the encoding and the line.
        var text = "{\n  \"units\": [\n    { \"unitId\": \"U1\", \"unitName\": \"一号\", \"year\": 2024 },\n    { \"unitId\": \"U2\", \"unitName\": \"";
        var path = Path.Combine(_x.Folder, "export.json");
        File.WriteAllBytes(path, [.. (gb18030 ? TempExport.Gb18030 : new System.Text.UTF8Encoding(false)).GetBytes(text), 0xFF, .. "\", \"year\": 2024 }\n  ]\n}"u8]);

        var d = JsonExport.Read(path).Diagnostics.Should().ContainSingle().Subject;

        (d.Severity, d.Code, d.Line, d.Args.Single()).Should().Be((Severity.FileError, "bad-encoding", 4, gb18030 ? "GB18030" : "UTF-8"));
        (d.Path, d.Column, d.UnitId).Should().Be(("units[1].unitName", "unit_name", "U2"));
    }

    [Theory]
    [InlineData("in a member's name", "{ \"units\": [ { \"unitId\": \"U1\", \"members\": [ { \"memberId\": \"M1\", \"name\": \"成{bad}员\" } ] } ] }",
        "units[0].members[0].name", "name", "U1")]
    [InlineData("in the unit's own id: no unit", "{ \"units\": [ { \"unitId\": \"U1\" }, { \"unitId\": \"U{bad}2\" } ] }", "units[1].unitId", "unit_id", null)]
    [InlineData("before the unit's id: no unit", "{ \"units\": [ { \"unitId\": \"U1\" }, { \"unitName\": \"二{bad}号\", \"unitId\": \"U2\" } ] }",
        "units[1].unitName", "unit_name", null)]
    [InlineData("the next unit's, not the last one's", "{ \"units\": [ { \"unitId\": \"U1\" }, { \"year\": 2024, \"unit_name\": \"二{bad}号\" } ] }",
        "units[1].unit_name", "unit_name", null)]
    [InlineData("the unit's id in snake case", "{ \"units\": [ { \"unit_id\": \"U1\", \"year\": {bad}2024 } ] }", "units[0].year", "year", "U1")]
    [InlineData("the unit's id by its Chinese name", "{ \"units\": [ { \"单位编码\": \"U1\", \"unitName\": \"一号\",\n \"year\": {bad}2024 } ] }", "units[0].year", "year", "U1")]
    [InlineData("in a directive: no unit", "{ \"directives\": [ { \"directiveId\": \"D{bad}1\" } ], \"units\": [] }", "directives[0].directiveId", "directive_id", null)]
    [InlineData("between values", "{ \"units\": [ { \"unitId\": \"U1\", \"year\": {bad}2024 } ] }", "units[0].year", "year", "U1")]
    [InlineData("in a session's attendance, a Chinese name", "{ \"units\": [ { \"unitId\": \"U1\", \"unitName\": \"一号\",\n \"sessions\": [ { \"sessionId\": \"S1\", \"attendance\": [ { \"状态\": \"出{bad}席\" } ] } ] } ] }",
        "units[0].sessions[0].attendance[0].状态", "status", "U1")]
    [InlineData("in a list", "{ \"units\": [ { \"unitId\": \"U1\", \"members\": [ { \"role\": [ \"书{bad}记\" ] } ] } ] }", "units[0].members[0].role", "role", "U1")]
    [InlineData("in a property of no column", "{ \"units\": [ { \"unitId\": \"U1\", \"备注\": \"好{bad}\" } ] }", "units[0].备注", null, "U1")]
    [InlineData("in a property's name: the object's", "{ \"units\": [ { \"unitId\": \"U1\", \"na{bad}me\": 1 } ] }", "units[0]", null, "U1")]
    [InlineData("after a unit, between units: the array's, no unit", "{ \"units\": [ { \"unitId\": \"U1\" }, {bad} ] }", "units", null, null)]
    [InlineData("after a list, in a property's name", "{ \"units\": [ { \"unitId\": \"U1\", \"members\": [ { \"role\": [ \"书记\" ], \"n{bad}\": 1 } ] } ] }",
        "units[0].members[0]", null, "U1")]
    [InlineData("in a top-level property's name: no path", "{ \"directives\": [], \"un{bad}its\": [] }", null, null, null)]
    public void Read_ABadByte_IsReportedWithThePathOfItsValue_ItsColumnAndItsUnit(string what, string text, string? path, string? column, string? unit)
    {
        // The text before the bad byte ({bad}) is read as JSON: the value it is in gives the path and the column (the
        // table its arrays give), and the unit's id, when it comes first, the unit. In UTF-8 and in GB18030 alike.
        foreach (var encoding in new System.Text.Encoding[] { new System.Text.UTF8Encoding(false), TempExport.Gb18030 })
        {
            var file = Path.Combine(_x.Folder, "export.json");
            var parts = text.Split("{bad}");
            File.WriteAllBytes(file, [.. encoding.GetBytes(parts[0]), 0xFF, .. encoding.GetBytes(parts[1])]);

            var d = JsonExport.Read(file).Diagnostics.Should().ContainSingle(what).Subject;

            (d.Code, d.Path, d.Column, d.UnitId).Should().Be(("bad-encoding", path, column, unit), $"{what}, in {encoding.WebName}");
        }
    }

    [Fact]
    public void Read_ASyntaxErrorBeforeBytesOfNoEncoding_ReportsTheEncoding()
    {
        // A UTF-8 file is parsed as it streams from disk, so the syntax error comes first, the bad bytes a megabyte on;
        // but those bytes are no encoding at all, and that is what the file is reported for, as when it is decoded first.
        var path = Path.Combine(_x.Folder, "export.json");
        File.WriteAllBytes(path, [.. "{ \"units\": [ x ] }"u8, .. Enumerable.Repeat((byte)' ', 1 << 20), 0xFF, 0xFE, 0x81]);

        var d = JsonExport.Read(path).Diagnostics.Should().ContainSingle().Subject;

        (d.Severity, d.Code, d.Args.Single()).Should().Be((Severity.FileError, "bad-encoding", "GB18030"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_AnEncodingAskedFor_IsUsedUnlessTheFileHasAUtf8Mark(bool mark)
    {
        // --encoding applies to every file: UTF-8 bytes read as GB18030 are other characters (the wrong encoding asked
        // for shows). A UTF-8 mark still says what the file is, as for a CSV file.
        var path = Path.Combine(_x.Folder, "export.json");
        File.WriteAllText(path, "{ \"units\": [ { \"unitId\": \"U1\", \"unitName\": \"一号\", \"year\": 2024 } ] }", new System.Text.UTF8Encoding(mark));

        var e = JsonExport.Read(path, new ReadOptions { Encoding = TempExport.Gb18030 });

        var misread = ValueParser.Fold(TempExport.Gb18030.GetString(System.Text.Encoding.UTF8.GetBytes("一号")));
        misread.Should().NotBe("一号");
        e.Units.Single().Unit.UnitName.Should().Be(mark ? "一号" : misread);
    }

    [Fact]
    public void Read_AUtf8SequenceCutShortAtTheEnd_IsNoUtf8()
    {
        // The last byte starts a character that never comes: read as it streams, the decoder must still say so at the
        // end, as the check of the whole file's bytes did.
        var path = Path.Combine(_x.Folder, "export.json");
        File.WriteAllBytes(path, [.. "{ \"units\": [] }  "u8, 0xE5]);

        var d = JsonExport.Read(path).Diagnostics.Should().ContainSingle().Subject;

        (d.Severity, d.Code, d.Args.Single()).Should().Be((Severity.FileError, "bad-encoding", "GB18030"));
    }

    [Fact]
    public void Read_Gb18030WhoseFirstUnitsAreAscii_IsReadAsGb18030()
    {
        // The first Chinese character, in the third unit, is not UTF-8: the file is GB18030 from its start. (Found in
        // the first megabyte, or further on, where what was read until then is dropped and the file read again.)
        var units = Enumerable.Range(1, 3).Select(i => i < 3
            ? $"{{ \"unitId\": \"U{i}\", \"unitName\": \"Unit {i}\", \"year\": 2024 }}"
            : $"{{ \"unitId\": \"U{i}\", \"unitName\": \"三号\", \"year\": 2024 }}");
        var path = Path.Combine(_x.Folder, "export.json");
        File.WriteAllText(path, $"{{ \"units\": [ {string.Join(", ", units)} ] }}", TempExport.Gb18030);

        var e = JsonExport.Read(path);

        e.Diagnostics.Should().BeEmpty();
        e.Units.Select(u => (u.UnitId, u.Unit.UnitName)).Should().Equal(("U1", "Unit 1"), ("U2", "Unit 2"), ("U3", "三号"));
        e.RowCounts[Assessment.Core.Import.Tables.Units.Name].Should().Be(3);
    }

    [Fact]
    public void Read_CommentsBeforeTheDocumentAndBetweenItsParts_AreSkipped() =>
        Read("// exported 2025-01-10\n" + TwoUnits.Replace("\"directives\"", "/* the province's */ \"directives\"", StringComparison.Ordinal))
            .Diagnostics.Should().BeEmpty();

    [Fact]
    public void Read_NestedRowNamingAnotherUnit_IsRowError()
    {
        var e = Read("{ \"units\": [ { \"unitId\": \"U1\", \"unitName\": \"一号\", \"year\": 2024, \"members\": [ { \"unitId\": \"U2\", \"memberId\": \"M1\", \"name\": \"王\", \"role\": \"书记\" } ] } ] }");

        e.Diagnostics.Should().ContainSingle(d => d.Code == "parent-conflict" && d.UnitId == "U1");
    }
}

public sealed class XlsxExportTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    /// <summary>Writes a workbook by hand: sheets of rows of cells; a DateTime cell is written as a real Excel date.</summary>
    private string Workbook(params (string Sheet, object?[][] Rows)[] sheets) => Workbook(true, sheets);

    private string Workbook(bool references, params (string Sheet, object?[][] Rows)[] sheets)
    {
        var path = Path.Combine(_x.Folder, "export.xlsx");
        using (var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var list = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = references ? new Row { RowIndex = (uint)(r + 1) } : new Row();
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        var reference = references ? XlsxExport.ColumnLetter(c + 1) + (r + 1) : null;
                        row.Append(rows[r][c] switch
                        {
                            null => new Cell { CellReference = reference },
                            DateTime d => new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(d.ToOADate().ToString(CultureInfo.InvariantCulture)) },
                            int n => new Cell { CellReference = reference, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)) },
                            double n => new Cell { CellReference = reference, CellValue = new CellValue(n.ToString("R", CultureInfo.InvariantCulture)) },
                            var v => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v.ToString()!)) },
                        });
                    }

                    data.Append(row);
                }

                part.Worksheet = new Worksheet(data);
                list.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id++, Name = name });
            }

            wb.Workbook.Save();
        }

        return path;
    }

    private static readonly object?[] UnitHeader = ["单位编码", "单位名称", "年度", "学习平台活跃率"];

    [Fact]
    public void Read_RealExcelDatesNumbersAndText_AreValues()
    {
        var path = Workbook(
            ("单位", [UnitHeader, ["U1", "一号", 2024, 0.55]]),
            ("sessions", [["unit_id", "session_id", "date", "notice_date", "duration_minutes"], ["U1", "S1", new DateTime(2024, 3, 5), "2024/2/20", 120]]));

        var e = XlsxExport.Read(path);

        e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty();
        var u = e.Units.Single();
        u.Unit.PlatformActiveRate.Should().Be(0.55m);
        u.Sessions.Single().Should().BeEquivalentTo(new { Date = new DateOnly(2024, 3, 5), NoticeDate = (DateOnly?)new DateOnly(2024, 2, 20), DurationMinutes = (int?)120 });
    }

    /// <summary>Cells without a reference (some writers leave <c>r</c> out) are in the column after the cell before them,
    /// a blank cell included. They used to be placed after the non-blank cells only, so a blank cell moved every later
    /// value one column left.</summary>
    [Fact]
    public void Read_CellsWithoutReferences_AreInTheColumnAfterThePreviousCell()
    {
        var path = Workbook(false, ("单位", [["单位编码", "单位名称", "年度", "学习平台活跃率", "测评方案"], ["U1", "一号", 2024, "", "grassroots"]]));

        var e = XlsxExport.Read(path);

        e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty();
        e.Units.Single().Unit.Should().BeEquivalentTo(new { UnitName = "一号", Year = 2024, PlatformActiveRate = (decimal?)null, Profile = "grassroots" });
    }

    /// <summary>A workbook of one sheet, 单位, whose text is in a table of shared strings, as Excel saves it.</summary>
    private string SharedStringsWorkbook(SharedStringItem[] strings, params Row[] rows)
    {
        var path = Path.Combine(_x.Folder, "shared.xlsx");
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook();
        wb.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(strings);
        var sheet = wb.AddNewPart<WorksheetPart>();
        sheet.Worksheet = new Worksheet(new SheetData(rows));
        wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(sheet), SheetId = 1, Name = "单位" }));
        wb.Workbook.Save();
        return path;
    }

    /// <summary>A cell naming a shared string by its index.</summary>
    private static Cell Shared(string reference, int index) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)) };

    [Fact]
    public void Read_SharedStrings_AsExcelSavesText_AreValues()
    {
        // Excel keeps a workbook's text in one table of shared strings, each cell naming its index (t="s"); a string
        // of several runs (rich text) is its runs' text together, and a phonetic guide (rPh) is part of it too, as
        // the SDK's InnerText gives it.
        Cell N(string reference, int value) => new() { CellReference = reference, CellValue = new CellValue(value) };
        var path = SharedStringsWorkbook(
            [
                new SharedStringItem(new Text("单位编码")), new SharedStringItem(new Text("单位名称")), new SharedStringItem(new Text("年度")),
                new SharedStringItem(new Text("U1")), new SharedStringItem(new Text(" 一号 ") { Space = SpaceProcessingModeValues.Preserve }),
                new SharedStringItem(new Text("U2")),
                new SharedStringItem(new Run(new Text("二")), new Run(new RunProperties(new Bold()), new Text("号"))),
                new SharedStringItem(new Text("三"), new PhoneticRun(new Text("さん")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }),
            ],
            new Row(Shared("A1", 0), Shared("B1", 1), Shared("C1", 2)) { RowIndex = 1 },
            new Row(Shared("A2", 3), Shared("B2", 4), N("C2", 2024)) { RowIndex = 2 },
            new Row(Shared("A3", 5), Shared("B3", 6), N("C3", 2024)) { RowIndex = 3 },
            new Row(new Cell { CellReference = "A4", DataType = CellValues.String, CellValue = new CellValue("U3") }, Shared("B4", 7), N("C4", 2024)) { RowIndex = 4 });

        var e = XlsxExport.Read(path);

        e.Diagnostics.Should().BeEmpty();
        e.Units.Select(u => (u.UnitId, u.Unit.UnitName)).Should().Equal(("U1", "一号"), ("U2", "二号"), ("U3", "三さん"));
    }

    [Fact]
    public void Read_ANumberBeyondADecimal_IsARowError()
    {
        // A numeric cell of 1E+30 was an OverflowException (an internal error): it is now left as written, for the
        // column's own check to refuse. A number written in exponent form within range is still its value.
        var path = Workbook(("单位", [UnitHeader, ["U1", "一号", 1e30, 0.5], ["U2", "二号", 2024, 1e-5]]));

        var e = XlsxExport.Read(path);

        var d = e.Diagnostics.Should().ContainSingle(x => x.Severity == Severity.RowError).Subject;
        (d.UnitId, d.Column).Should().Be(("U1", "year"));
        d.Format("en").Should().Contain("1E+30");
        var u = e.Units.Single();
        (u.Unit.Year, u.Unit.PlatformActiveRate).Should().Be((2024, 0.00001m), "1E-05 as Excel writes it");
    }

    /// <summary>As in CSV: an attendance row with an error does not also make its session lack that member's row.</summary>
    [Fact]
    public void Read_AnAttendanceRowWithAnError_DoesNotMakeItsSessionLackARow()
    {
        var path = Workbook(
            ("单位", [UnitHeader, ["U1", "一号", 2024, 0.5]]),
            ("members", [["unit_id", "member_id", "name", "role"], ["U1", "M1", "王", "书记"], ["U1", "M2", "李", "成员"]]),
            ("sessions", [["unit_id", "session_id", "date"], ["U1", "S1", "2024-03-05"], ["U1", "S2", "2024-04-05"]]),
            ("attendance", [["unit_id", "session_id", "member_id", "status"], ["U1", "S1", "M1", "出席"], ["U1", "S1", "M2", "maybe"], ["U1", "S2", "M1", "出席"]]));

        var e = XlsxExport.Read(path);

        e.Diagnostics.Select(d => (d.Severity, d.Path, d.Code)).Should().Equal(
            (Severity.RowError, "attendance!D3", "unknown-word"),
            (Severity.Warning, "sessions!B3", "missing-attendance"));
    }

    [Fact]
    public void Read_BadValue_HasSheetRowAndColumn()
    {
        var path = Workbook(("单位", [UnitHeader, ["U1", "一号", 2024, 0.5], [null], ["U2", "二号", "20x4", null]]));

        var e = XlsxExport.Read(path);

        var d = e.Diagnostics.Should().ContainSingle().Subject;
        (d.Severity, d.File, d.Line, d.Column, d.UnitId, d.Path).Should().Be((Severity.RowError, "export.xlsx", 4, "year", "U2", "单位!C4"));
        e.Units.Single().UnitId.Should().Be("U1");
    }

    [Fact]
    public void Read_SheetsBeforeTheUnitsSheet_AreReadAsIfAfterIt()
    {
        // Rows are typed into their units as they are read: a sheet before the units sheet waits for it.
        (string, object?[][]) units = ("单位", [UnitHeader, ["U1", "一号", 2024, null], ["U2", "二号", 2024, null]]);
        (string, object?[][]) members = ("成员", [["单位编码", "成员编码", "姓名", "角色"], ["U1", "M1", "王", "书记"], ["U9", "M2", "李", "成员"], ["U2", "M3", "张", "成员"], ["U1", "M4", "赵", "组长"]]);
        (string, object?[][]) sessions = ("学习", [["单位编码", "学习编号", "日期"], ["U2", "S1", "2024-03-05"], ["U1", "S1", "2024-13-05"]]);
        static string[] Said(Export e) => [.. e.Diagnostics.Select(d => $"{d.Severity} {d.Line} {d.Column} {d.UnitId} {d.Path} {d.Format("en")}")];

        var last = XlsxExport.Read(Workbook(members, sessions, units));
        var (lastUnits, lastSaid) = (last.Units.Select(u => (u.UnitId, u.Members.Count, u.Sessions.Count)).ToArray(), Said(last));
        var first = XlsxExport.Read(Workbook(units, members, sessions));

        lastSaid.Should().Equal(Said(first));
        lastUnits.Should().Equal(first.Units.Select(u => (u.UnitId, u.Members.Count, u.Sessions.Count)));
        lastSaid.Should().Contain(d => d.Contains("U9", StringComparison.Ordinal), "a member of a unit the export does not have");
        lastUnits.Should().Equal(("U2", 1, 1));
    }

    [Fact]
    public void Read_UnknownSheetAndMissingColumn_AreReported()
    {
        var path = Workbook(("单位", [UnitHeader, ["U1", "一号", 2024, null]]), ("Sheet1", [["随便写点什么"]]), ("members", [["unit_id", "member_id", "name"]]));

        var e = XlsxExport.Read(path);

        e.Diagnostics.Should().Contain(d => d.Severity == Severity.Warning && d.Code == "unknown-sheet" && d.Path == "Sheet1");
        e.Diagnostics.Should().Contain(d => d.Severity == Severity.FileError && d.Code == "missing-column" && d.Column == "role");
        e.ExitCode.Should().Be(2);
    }

    [Theory]
    [InlineData("说明")]
    [InlineData("README")]
    [InlineData(" Readme ")]
    public void Read_TheTemplatesNotesSheet_IsSkippedWithoutAWarning(string notes)
    {
        var path = Workbook(("单位", [UnitHeader, ["U1", "一号", 2024, null]]), (notes, [["工作表", "列"], ["单位", "单位编码 *"]]));

        XlsxExport.Read(path).Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Read_NotAWorkbook_IsFileError()
    {
        var path = Path.Combine(_x.Folder, "broken.xlsx");
        File.WriteAllText(path, "this is not a zip file");

        var e = XlsxExport.Read(path);

        e.Diagnostics.Should().ContainSingle(d => d.Severity == Severity.FileError && d.Code == "bad-xlsx");
    }

    /// <summary>The sample workbook with the XML of its units sheet (单位) changed.</summary>
    private string SampleWith(Func<string, string> change)
    {
        var path = Path.Combine(_x.Folder, "changed.xlsx");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "sample.xlsx"), path);
        using var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update);
        var sheet = zip.GetEntry("xl/worksheets/sheet1.xml")!;
        string xml;
        using (var reader = new StreamReader(sheet.Open()))
        {
            xml = reader.ReadToEnd();
        }

        var changed = change(xml);
        changed.Should().NotBe(xml, "the test must change the sheet");
        sheet.Delete();
        using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
        writer.Write(changed);
        return path;
    }

    [Fact]
    public void Read_AnInlineStringOfSeveralRuns_IsTheirTextTogether()
    {
        // The sheet's XML is read as it streams by, without the SDK's elements: rich text (runs) is still one value.
        var path = SampleWith(xml => xml.Replace(
            "<x:is><x:t xml:space=\"preserve\">中共青山县委员会</x:t></x:is>",
            "<x:is><x:r><x:t>中共青山县</x:t></x:r><x:r><x:rPr><x:b /></x:rPr><x:t>委员会</x:t></x:r></x:is>", StringComparison.Ordinal));

        XlsxExport.Read(path).Units.Single(u => u.UnitId == "U001").Unit.UnitName.Should().Be("中共青山县委员会");
    }

    [Fact]
    public void Read_ACellOfATypeExcelDoesNotHave_RefusesTheWorkbook()
    {
        var path = SampleWith(xml => xml.Replace("<x:c r=\"B2\" t=\"inlineStr\">", "<x:c r=\"B2\" t=\"text\">", StringComparison.Ordinal));

        var d = XlsxExport.Read(path).Diagnostics.Should().ContainSingle().Subject;
        (d.Severity, d.Code).Should().Be((Severity.FileError, "bad-xlsx"));
        d.Args.Single().Should().Be("the cell type \"text\" of cell 单位!B2 is not one of Excel's (b, d, e, inlineStr, n, s, str)");
    }

    /// <summary>A reference beyond a sheet's last column (XFD) or row (1,048,576) is no workbook Excel wrote: refused,
    /// naming it. A header cell at ZZZZZZ1 took 51 s and 3.8 GB (a row of 321 million columns); one at AAAAAAAAA1
    /// overflowed into a negative column, an internal error.</summary>
    [Theory]
    [InlineData("<x:c r=\"A1\" ", "<x:c r=\"ZZZZZZ1\" ", "cell 单位!ZZZZZZ1 is beyond a sheet's last column, XFD")]
    [InlineData("<x:c r=\"A1\" ", "<x:c r=\"AAAAAAAAA1\" ", "cell 单位!AAAAAAAAA1 is beyond a sheet's last column, XFD")]
    [InlineData("<x:c r=\"B2\" ", "<x:c r=\"XFE2\" ", "cell 单位!XFE2 is beyond a sheet's last column, XFD")]
    [InlineData("<x:row r=\"3\">", "<x:row r=\"1048577\">", "row 1048577 of sheet 单位 is beyond a sheet's last row, 1048576")]
    [InlineData("<x:row r=\"3\">", "<x:row r=\"4294967295\">", "row 4294967295 of sheet 单位 is beyond a sheet's last row, 1048576")]
    public void Read_AReferenceBeyondASheetsLastColumnOrRow_RefusesTheWorkbook(string from, string to, string message)
    {
        var path = SampleWith(xml => xml.Replace(from, to, StringComparison.Ordinal));

        var d = XlsxExport.Read(path).Diagnostics.Should().ContainSingle().Subject;
        (d.Severity, d.Code).Should().Be((Severity.FileError, "bad-xlsx"));
        d.Args.Single().Should().Be(message);
    }

    /// <summary>Rows with no number are numbered on from the row before, so a diagnostic names the row a person sees
    /// (it said row 0 before).</summary>
    [Fact]
    public void Read_RowsWithoutNumbers_AreNumberedOnFromTheRowBefore()
    {
        var path = Workbook(false, ("单位", [UnitHeader, ["U1", "一号", 2024, null], ["U2", "二号", "20x4", null]]));

        var d = XlsxExport.Read(path).Diagnostics.Single(x => x.Severity != Severity.Warning);

        (d.Line, d.Column).Should().Be((3, "year"));
        d.Path.Should().Be("单位!C3");
    }

    /// <summary>A few megabytes of zip can unpack to hundreds of millions of rows: more rows than a sheet holds refuse
    /// the workbook, numbered or not, instead of being read until memory runs out.</summary>
    [Theory]
    [InlineData("<x:row/>")]
    [InlineData("<x:row r=\"9\"/>")]
    public void Read_MoreRowsThanASheetHolds_RefusesTheWorkbook(string extra)
    {
        var many = new System.Text.StringBuilder().Insert(0, extra, 1_048_577).ToString();
        var path = SampleWith(xml => xml.Replace("</x:sheetData>", many + "</x:sheetData>", StringComparison.Ordinal));

        var d = XlsxExport.Read(path).Diagnostics.Should().ContainSingle().Subject;
        (d.Severity, d.Code).Should().Be((Severity.FileError, "bad-xlsx"));
        d.Args.Single().Should().Be("sheet 单位 has more than 1048576 rows, more than a sheet holds");
    }

    /// <summary>A workbook's shared strings are kept until its last sheet is read, and a small zip can unpack to far more
    /// text than it holds: their text is limited as a file's size is.</summary>
    [Fact]
    public void Read_SharedStringsOverTheFileLimit_RefuseTheWorkbook()
    {
        var path = SharedStringsWorkbook(
            [.. Enumerable.Range(0, 40).Select(i => new SharedStringItem(new Text(new string('学', 1_000) + i)))],
            new Row(Shared("A1", 0)) { RowIndex = 1 });

        new FileInfo(path).Length.Should().BeLessThan(30_000, "the test needs a file within the limit whose strings are not");
        var limited = new ReadOptions { Limits = ReadLimits.Default with { MaxFileBytes = 30_000 } };

        var d = XlsxExport.Read(path, limited).Diagnostics.Should().ContainSingle().Subject;
        (d.Severity, d.Code).Should().Be((Severity.FileError, "bad-xlsx"));
        d.Args.Single().Should().Be("the shared strings unpack to more than 30000 characters, the limit of a file's size");
        XlsxExport.Read(path).Diagnostics.Should().NotContain(x => x.Code == "bad-xlsx", "40,040 characters are within the default limit");
    }

    [Fact]
    public void Read_TheLastColumnAndRow_AreRead()
    {
        var path = SampleWith(xml => xml.Replace("<x:row r=\"9\">", "<x:row r=\"1048576\">", StringComparison.Ordinal)
            .Replace("<x:c r=\"A1\" t=\"inlineStr\">", "<x:c r=\"XFD1\" t=\"inlineStr\"><x:is><x:t>备注</x:t></x:is></x:c><x:c r=\"A1\" t=\"inlineStr\">", StringComparison.Ordinal));

        var e = XlsxExport.Read(path);

        e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty();
        e.Units.Should().HaveCount(8);
    }

    [Fact]
    public void Read_ANumberWithAStyleThatIsNoNumber_IsTheNumber()
    {
        // A style index (s) is a number in every workbook Excel writes; one that is not is ignored, not refused, so
        // the cell is a number and not a date.
        var path = SampleWith(xml => xml.Replace(
            "<x:c r=\"C2\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">2024</x:t></x:is></x:c>", "<x:c r=\"C2\" s=\"x\"><x:v>2024</x:v></x:c>",
            StringComparison.Ordinal));

        var e = XlsxExport.Read(path);

        e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty();
        e.Units.Single(u => u.UnitId == "U001").Unit.Year.Should().Be(2024);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("-1")]
    [InlineData("x")]
    public void Read_ACellNamingASharedStringThereIsNot_RefusesTheWorkbook(string index)
    {
        // The sample has no shared strings at all: a cell naming one is a damaged workbook, not a blank value.
        var path = SampleWith(xml => xml.Replace(
            "<x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">中共青山县委员会</x:t></x:is></x:c>", $"<x:c r=\"B2\" t=\"s\"><x:v>{index}</x:v></x:c>",
            StringComparison.Ordinal));

        var d = XlsxExport.Read(path).Diagnostics.Should().ContainSingle().Subject;
        (d.Severity, d.Code).Should().Be((Severity.FileError, "bad-xlsx"));
        d.Args.Single().Should().Be($"cell 单位!B2 names shared string \"{index}\", but the workbook has 0");
    }

    [Fact]
    public void Read_ASharedStringCellWithNoIndex_IsBlank()
    {
        var path = SampleWith(xml => xml.Replace(
            "<x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">中共青山县委员会</x:t></x:is></x:c>", "<x:c r=\"B2\" t=\"s\" />",
            StringComparison.Ordinal));

        var d = XlsxExport.Read(path).Diagnostics.Should().ContainSingle(x => x.Severity == Severity.RowError).Subject;
        (d.UnitId, d.Column, d.Code).Should().Be(("U001", "unit_name", "required"));
    }

    [Fact]
    public void Read_TwoSheetsForOneTable_IsFileError()
    {
        var path = Workbook(("units", [UnitHeader, ["U1", "一号", 2024, null]]), ("单位", [UnitHeader, ["U2", "二号", 2024, null]]));

        var e = XlsxExport.Read(path);

        e.Diagnostics.Should().ContainSingle(d => d.Severity == Severity.FileError && d.Code == "table-twice" && d.Path == "单位");
        e.ExitCode.Should().Be(2);
    }

    [Fact]
    public void Read_OverTheSizeLimit_IsFileError() =>
        XlsxExport.Read(Workbook(("units", [UnitHeader, ["U1", "一号", 2024, null]])), new ReadOptions { Limits = ReadLimits.Default with { MaxFileBytes = 100 } })
            .Diagnostics.Should().ContainSingle(d => d.Code == "file-too-large" && d.File == "export.xlsx");

    [Fact]
    public void Read_OverTheSizeLimitBehindALink_IsFileError()
    {
        // The limit is the linked workbook's size, not the link's own (the length of its target's name).
        if (OperatingSystem.IsWindows())
        {
            return; // links need a privilege there
        }

        var link = Path.Combine(_x.Folder, "link.xlsx");
        File.CreateSymbolicLink(link, Workbook(("units", [UnitHeader, ["U1", "一号", 2024, null]])));

        XlsxExport.Read(link, new ReadOptions { Limits = ReadLimits.Default with { MaxFileBytes = 200 } })
            .Diagnostics.Should().ContainSingle(d => d.Code == "file-too-large" && d.File == "link.xlsx");
    }

    [Fact]
    public void Read_NoUnitsSheet_IsFileError() =>
        XlsxExport.Read(Workbook(("members", [["unit_id", "member_id", "name", "role"]]))).Diagnostics.Should().ContainSingle(d => d.Code == "missing-table");
}

public sealed class ConversionTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    [Fact]
    public void WriteJson_AnExportOfNoUnits_IsAnEmptyUnitsArray_ReadUnitByUnit_AndLeavesNoUnitsFile()
    {
        // The units are written to a file of their own and copied after the directives and waivers: with none, only
        // the array's end is copied.
        var export = _x.Write("units.csv", "unit_id,unit_name,year\n").Read(new ReadOptions { AsOf = AsOf });
        var json = Path.Combine(_x.Folder, "export.json");

        ExportWriters.WriteJson(export, json);

        var nl = Environment.NewLine; // Json.NET indents with the platform's; the file ends with \n
        File.ReadAllText(json).Should().Be($"{{{nl}  \"directives\": [],{nl}  \"waivers\": [],{nl}  \"units\": []{nl}}}\n");
        JsonExport.Stream(json, new ReadOptions { AsOf = AsOf }, _ => { }).UnitCount.Should().Be(0);
        Directory.GetFiles(_x.Folder).Select(Path.GetFileName).Should().BeEquivalentTo(["units.csv", "export.json"]);
    }

    [Fact]
    public void WriteXlsx_ATableOfAsManyRowsAsASheetHolds_IsWritten_OneMoreIsRefused()
    {
        var export = CsvExport.Read(Path.Combine(AppContext.BaseDirectory, "samples"));
        var attendance = export.RowCounts["attendance"];
        var xlsx = Path.Combine(_x.Folder, "export.xlsx");

        // The header takes a row: a sheet of maxRows holds maxRows - 1 rows of the table.
        ExportWriters.WriteXlsx(export, xlsx, maxRows: attendance + 1);
        XlsxExport.Read(xlsx).RowCounts["attendance"].Should().Be(attendance);
        File.Delete(xlsx);

        var write = () => ExportWriters.WriteXlsx(export, xlsx, maxRows: attendance);
        write.Should().Throw<ArgumentException>().WithMessage($"table attendance has {attendance} rows, more than an XLSX sheet holds ({attendance - 1} after the header)");
        File.Exists(xlsx).Should().BeFalse();
    }

    [Fact]
    public void WriteXlsx_TheWorkbook_IsValidAgainstTheOfficeSchemas()
    {
        // The workbook is written element by element (OpenXmlWriter), not as the SDK's checked trees: what Excel
        // would refuse to open is what the SDK's validator finds against the schemas of the format.
        var csv = Directory.CreateDirectory(Path.Combine(_x.Folder, "csv")).FullName;
        new ExportGenerator(7).Write(csv, 5, "V", AsOf);
        var xlsx = Path.Combine(_x.Folder, "export.xlsx");
        ExportWriters.WriteXlsx(CsvExport.Read(csv), xlsx);

        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(FileFormatVersions.Office2007).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        errors.Should().BeEmpty();
        doc.WorkbookPart!.WorksheetParts.Should().HaveCount(Assessment.Core.Import.Tables.All.Count);
    }

    [Fact]
    public void RoundTrip_CsvJsonXlsxCsv_KeepsEveryValueOfEveryRow()
    {
        var csv1 = Directory.CreateDirectory(Path.Combine(_x.Folder, "csv1")).FullName;
        new ExportGenerator(42).Write(csv1, 60, "R", AsOf);
        var original = CsvExport.Read(csv1);
        original.ExitCode.Should().Be(0);

        var json = Path.Combine(_x.Folder, "export.json");
        ExportWriters.WriteJson(original, json);
        var fromJson = JsonExport.Read(json);
        var xlsx = Path.Combine(_x.Folder, "export.xlsx");
        ExportWriters.WriteXlsx(fromJson, xlsx);
        var fromXlsx = XlsxExport.Read(xlsx);
        var csv2 = Path.Combine(_x.Folder, "csv2");
        ExportWriters.WriteCsv(fromXlsx, csv2);
        var back = CsvExport.Read(csv2);

        foreach (var e in new[] { fromJson, fromXlsx, back })
        {
            e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty();
            e.Units.Should().BeEquivalentTo(original.Units, o => o.WithStrictOrdering().Excluding(m => m.Path.EndsWith("Source", StringComparison.Ordinal)));
        }

        // and the text itself is stable: writing the result again gives the same files
        var csv3 = Path.Combine(_x.Folder, "csv3");
        ExportWriters.WriteCsv(back, csv3);
        foreach (var f in Directory.GetFiles(csv2))
        {
            File.ReadAllBytes(Path.Combine(csv3, Path.GetFileName(f))).Should().Equal(File.ReadAllBytes(f));
        }
    }
}
