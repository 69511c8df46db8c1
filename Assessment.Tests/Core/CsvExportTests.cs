using System.Text;
using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Core;

public sealed class CsvExportTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private static Diagnostic Only(Export e, Severity severity) =>
        e.Diagnostics.Where(d => d.Severity == severity).Should().ContainSingle().Subject;

    [Fact]
    public void Read_OnlyUnits_ReadsEveryUnitInOrderWithoutDiagnostics()
    {
        var e = _x.Write("units.csv", TempExport.Units).Read();

        e.Diagnostics.Should().BeEmpty();
        e.Units.Select(u => u.UnitId).Should().Equal("U1", "U2");
        e.Units[0].Unit.Should().BeEquivalentTo(new { UnitName = "一号单位", Year = 2024, Profile = (string?)null });
        e.ExitCode.Should().Be(0);
    }

    [Fact]
    public void Read_Gb18030WithChineseHeaders_ReadsValues()
    {
        _x.Write("units.csv", "单位编码,单位名称,年度,测评方案,学习平台活跃率\nU1,中共青山县城关镇委员会,2024,grassroots,55%\n", TempExport.Gb18030)
          .Write("members.csv", "单位编码,成员编码,姓名,角色,个人自学计划\nU1,M1,王建国,党委书记,是\n", TempExport.Gb18030);

        var e = _x.Read();

        e.Diagnostics.Should().BeEmpty();
        var u = e.Units.Should().ContainSingle().Subject;
        u.Unit.UnitName.Should().Be("中共青山县城关镇委员会");
        u.Unit.Profile.Should().Be("grassroots");
        u.Unit.PlatformActiveRate.Should().Be(0.55m);
        u.Members.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "王建国", Roles = MemberRole.Secretary, SelfStudyPlan = (bool?)true });
    }

    [Fact]
    public void Read_TabSeparatedWithBom_ReadsFields()
    {
        _x.Write("units.csv", "unit_id\tunit_name\tyear\nU1\t一, 号\t2024\n", TempExport.Utf8Bom);

        var e = _x.Read();

        e.Diagnostics.Should().BeEmpty();
        e.Units.Single().Unit.UnitName.Should().Be("一, 号");
    }

    [Fact]
    public void Read_Utf16WithBom_Reads()
    {
        _x.Write("units.csv", TempExport.Units, new UnicodeEncoding(false, true));

        _x.Read().Units.Should().HaveCount(2);
    }

    [Fact]
    public void Read_QuotedNewline_KeepsTextAndCountsPhysicalLines()
    {
        _x.Write("units.csv", "unit_id,unit_name,year\n\"U1\",\"一号\n单位\",2024\nU2,二号,20x4\n");

        var e = _x.Read();

        e.Units.Select(u => u.UnitId).Should().Equal("U1");
        e.InvalidUnits.Select(u => u.UnitId).Should().Equal("U2");
        var d = Only(e, Severity.RowError);
        (d.File, d.Line, d.Column, d.UnitId, d.Code).Should().Be(("units.csv", 4, "year", "U2", "bad-number"));
        _x.Write("units.csv", "unit_id,unit_name,year\n\"U1\",\"一号\n单位\",2024\n").Read().Units.Single().Unit.UnitName.Should().Be("一号\n单位");
    }

    [Fact]
    public void Read_HeadersInAnyCaseSpacingAndWidth_Match()
    {
        _x.Write("units.csv", " UNIT_ID , Unit_Name,ＹＥＡＲ\nU1,一号,２０２４\n");

        var e = _x.Read();

        e.Diagnostics.Should().BeEmpty();
        e.Units.Single().Unit.Year.Should().Be(2024);
    }

    [Fact]
    public void Read_UnknownColumn_WarnsOnceWithItsName()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year,备注\nU1,一号,2024,x\nU2,二号,2024,y\n").Read();

        var d = Only(e, Severity.Warning);
        (d.File, d.Line, d.Column, d.Code).Should().Be(("units.csv", 1, "备注", "unknown-column"));
        e.Units.Should().HaveCount(2);
    }

    [Fact]
    public void Read_MissingRequiredColumn_IsFileErrorNamingFileAndColumn()
    {
        var e = _x.Write("units.csv", TempExport.Units).Write("sessions.csv", "unit_id,session_id\nU1,S1\n").Read();

        var d = Only(e, Severity.FileError);
        (d.File, d.Line, d.Column).Should().Be(("sessions.csv", 1, "date"));
        d.Text("en").Should().Contain("date").And.Contain("日期");
        e.ExitCode.Should().Be(2);
        e.Units.Should().BeEmpty();
    }

    [Fact]
    public void Read_NoUnitsFile_IsFileError()
    {
        var e = _x.Write("members.csv", "unit_id,member_id,name,role\n").Read();

        Only(e, Severity.FileError).Code.Should().Be("missing-table");
        e.ExitCode.Should().Be(2);
    }

    [Fact]
    public void Read_EmptyOptionalFile_WarnsAndReadsAsNoRows()
    {
        var e = _x.Write("units.csv", TempExport.Units).Write("speeches.csv", "").Read();

        var d = Only(e, Severity.Warning);
        (d.File, d.Code).Should().Be(("speeches.csv", "empty-file"));
        e.Units.Should().HaveCount(2);
    }

    [Fact]
    public void Read_ChineseFileName_IsTheSameTable()
    {
        var e = _x.Write("单位.csv", TempExport.Units).Read();

        e.Units.Should().HaveCount(2);
        e.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Read_ACsvFileOfNoTable_IsAWarningNamingIt_AndOtherFilesAreLeftAlone()
    {
        // attendence.csv (a typo) would otherwise leave the attendance table silently empty.
        var e = _x.Write("units.csv", TempExport.Units).Write("attendence.csv", "unit_id,session_id\n").Write("notes.txt", "x")
            .Write("sample.json", "{}").Write("Members.CSV", "unit_id,member_id,name,role\nU1,M1,张三,书记\n").Read();

        var d = Only(e, Severity.Warning);
        (d.File, d.Code, d.UnitId).Should().Be(("attendence.csv", "unknown-file", null));
        d.Format("en").Should().Contain("not a table of the export").And.Contain("attendance.csv");
        e.Units.Should().HaveCount(2);
        e.Units[0].Members.Should().ContainSingle("Members.CSV is members.csv in another case");
        CsvExport.Stream(_x.Folder, null, _ => { }).Diagnostics.Should().ContainSingle(x => x.Code == "unknown-file", "read unit by unit, as the commands read");
        CsvExport.Read(_x.Folder, ReadOptions.Default with { Strict = true }).Diagnostics.Should()
            .ContainSingle(x => x.Code == "unknown-file" && x.SeverityIn(true) == Severity.FileError, "--strict makes it a file error, as an unknown column");
    }

    [Fact]
    public void Read_BlankLinesAndSeparatorOnlyLines_AreSkippedAndLinesStayPhysical()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year\n\nU1,一号,2024\n,,\n\nU2,二号,x\n").Read();

        e.Units.Select(u => u.UnitId).Should().Equal("U1");
        Only(e, Severity.RowError).Line.Should().Be(6);
    }

    [Fact]
    public void Read_BadDate_InvalidatesOnlyThatUnitWithExactLocation()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2024-03-05\nU2,S1,2024-02-30\n").Read();

        var d = Only(e, Severity.RowError);
        (d.File, d.Line, d.Column, d.UnitId, d.Code).Should().Be(("sessions.csv", 3, "date", "U2", "bad-date"));
        d.Text("zh").Should().Contain("2024-02-30");
        e.Units.Select(u => u.UnitId).Should().Equal("U1");
        e.InvalidUnits.Single().Should().BeEquivalentTo(new { UnitId = "U2", UnitName = "二号单位" });
        e.ExitCode.Should().Be(1);
    }

    [Theory]
    [InlineData("units.csv", "unit_id,unit_name,year\nU1,一号,1999\n", "year", "bad-number")]
    [InlineData("units.csv", "unit_id,unit_name,year,agenda_meetings\nU1,一号,2024,1.5\n", "agenda_meetings", "bad-number")]
    [InlineData("units.csv", "unit_id,unit_name,year,platform_active_rate\nU1,一号,2024,120%\n", "platform_active_rate", "bad-rate")]
    [InlineData("units.csv", "unit_id,unit_name,year,profile\nU1,一号,2024,county\n", "profile", "unknown-word")]
    [InlineData("units.csv", "unit_id,unit_name,year,has_subordinate_groups\nU1,一号,2024,maybe\n", "has_subordinate_groups", "bad-boolean")]
    [InlineData("units.csv", "unit_id,unit_name,year\nU1,,2024\n", "unit_name", "required")]
    public void Read_BadUnitValue_IsRowErrorAtLine2(string file, string text, string column, string code)
    {
        var e = _x.Write(file, text).Read();

        var d = Only(e, Severity.RowError);
        (d.File, d.Line, d.Column, d.UnitId, d.Code).Should().Be((file, 2, column, "U1", code));
        e.InvalidUnits.Single().UnitId.Should().Be("U1");
    }

    [Theory]
    [InlineData("sessions.csv", "unit_id,session_id,date,duration_minutes\nU1,S1,2024-03-05,1441\n", "duration_minutes", "bad-number")]
    [InlineData("sessions.csv", "unit_id,session_id,date,form\nU1,S1,2024-03-05,座谈\n", "form", "unknown-word")]
    [InlineData("members.csv", "unit_id,member_id,name,role\nU1,M1,王,主任\n", "role", "unknown-word")]
    [InlineData("members.csv", "unit_id,member_id,name,role\nU1,M1,王,\n", "role", "required")]
    [InlineData("outputs.csv", "unit_id,output_id,kind,published_level\nU1,O1,调研报告,区级\n", "published_level", "unknown-word")]
    [InlineData("documents.csv", "unit_id,doc_id,kind\nU1,F1,方案\n", "kind", "unknown-word")]
    [InlineData("events.csv", "unit_id,event_id,kind,date\nU1,E1,获评先进,2024-13-01\n", "date", "bad-date")]
    [InlineData("reviews.csv", "unit_id,finding\nU1,违纪\n", "finding", "unknown-word")]
    [InlineData("waivers.csv", "unit_id,item_id,justification,approved_by\nU1,XS-06,,县委宣传部\n", "justification", "required")]
    [InlineData("waivers.csv", "unit_id,item_id,justification,approved_by\nU1,XS-06,理由,\n", "approved_by", "required")]
    public void Read_BadRowValue_IsRowErrorWithLocation(string file, string text, string column, string code)
    {
        var e = _x.Write("units.csv", TempExport.Units).Write(file, text).Read();

        var d = Only(e, Severity.RowError);
        (d.File, d.Line, d.Column, d.UnitId, d.Code).Should().Be((file, 2, column, "U1", code));
        e.Units.Select(u => u.UnitId).Should().Equal("U2");
    }

    [Fact]
    public void Read_DuplicateIds_AreRowErrorsOnTheSecondRow()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\nU1,M2,李,成员\nU1,M2,张,成员\nU2,M1,赵,书记\n").Read();

        var d = Only(e, Severity.RowError);
        (d.File, d.Line, d.Column, d.UnitId, d.Code).Should().Be(("members.csv", 4, "member_id", "U1", "duplicate-id"));
        d.Text("en").Should().Contain("line 3");
    }

    [Fact]
    public void Read_DuplicateAttendancePair_IsRowError()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\n")
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2024-03-05\n")
            .Write("attendance.csv", "unit_id,session_id,member_id,status\nU1,S1,M1,出席\nU1,S1,M1,请假\n").Read();

        var d = Only(e, Severity.RowError);
        (d.File, d.Line, d.UnitId, d.Code).Should().Be(("attendance.csv", 3, "U1", "duplicate-pair"));
        d.Text("en").Should().EndWith("(first on line 2)");
    }

    /// <summary>Pairs are kept in a grid of sessions × members up to 65,536 cells, in a dictionary beyond: a unit of
    /// 300 sessions and 220 members takes the dictionary, and the small units after it the grid again.</summary>
    [Fact]
    public void Read_DuplicatePairs_AreFoundInUnitsTooLargeForTheGridAndInTheUnitsAfterThem()
    {
        var units = new StringBuilder("unit_id,unit_name,year\nBIG,大单位,2024\nU1,一号,2024\n");
        var members = new StringBuilder("unit_id,member_id,name,role\n");
        var sessions = new StringBuilder("unit_id,session_id,date\n");
        for (var m = 0; m < 220; m++)
        {
            members.Append($"BIG,M{m},成员{m},{(m == 0 ? "书记" : "成员")}\n");
        }

        for (var s = 0; s < 300; s++)
        {
            sessions.Append($"BIG,S{s},2024-03-05\n");
        }

        members.Append("U1,M0,王,书记\nU1,M1,李,成员\n");
        sessions.Append("U1,S0,2024-03-05\nU1,S1,2024-03-06\n");
        // Lines 2-7: BIG's S299/M219 twice (lines 3 and 6), S0/M0 twice (lines 2 and 7); lines 8-11: U1's S1/M0 twice.
        var attendance = "unit_id,session_id,member_id,status\n"
            + "BIG,S0,M0,出席\nBIG,S299,M219,出席\nBIG,S1,M219,出席\nBIG,S299,M0,出席\nBIG,S299,M219,请假\nBIG,S0,M0,请假\n"
            + "U1,S1,M0,出席\nU1,S0,M0,出席\nU1,S0,M1,出席\nU1,S1,M0,请假\n";

        var e = _x.Write("units.csv", units.ToString()).Write("members.csv", members.ToString())
            .Write("sessions.csv", sessions.ToString()).Write("attendance.csv", attendance).Read();

        e.Diagnostics.Where(d => d.Severity == Severity.RowError).Select(d => (d.UnitId, d.Line, d.Code, d.Text("en")))
            .Should().Equal(
                ("BIG", 6, "duplicate-pair", "duplicate attendance for session S299 and member M219 (first on line 3)"),
                ("BIG", 7, "duplicate-pair", "duplicate attendance for session S0 and member M0 (first on line 2)"),
                ("U1", 11, "duplicate-pair", "duplicate attendance for session S1 and member M0 (first on line 8)"));
    }

    /// <summary>Attendance and speech rows usually come session by session, so the check remembers the previous row's
    /// session; rows that switch between known and unknown sessions must each still be judged on their own.</summary>
    [Fact]
    public void Read_RowsAlternatingBetweenKnownAndUnknownSessions_AreEachJudged()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\nU1,M2,李,成员\n")
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2024-03-05\nU1,S2,2024-03-06\n")
            .Write("attendance.csv", "unit_id,session_id,member_id,status\nU1,S1,M1,出席\nU1,S9,M1,出席\nU1,S9,M2,出席\nU1,S2,M1,出席\nU1,S2,M2,出席\nU1,S1,M2,出席\n")
            .Write("speeches.csv", "unit_id,session_id,member_id\nU1,S2,M1\nU1,S8,M2\nU1,S1,M3\n").Read();

        e.Diagnostics.Where(d => d.Severity == Severity.RowError).Select(d => (d.File, d.Line, d.Column, d.Code))
            .Should().Equal(
                ("attendance.csv", 3, "session_id", "unknown-session"),
                ("attendance.csv", 4, "session_id", "unknown-session"),
                ("speeches.csv", 3, "session_id", "unknown-session"),
                ("speeches.csv", 4, "member_id", "unknown-member"));
        e.Diagnostics.Should().NotContain(d => d.Code == "missing-attendance");
    }

    /// <summary>The per-unit checks reuse one pair dictionary per thread, cleared for each unit and dropped after a
    /// unit of more than 4,096 pairs. Pair keys are numbers within a unit, so the same keys recur in every unit: a pair
    /// left over from an earlier unit would show up here as a false duplicate.</summary>
    [Fact]
    public void Read_ManyUnitsAfterAHugeOne_EachReportsOnlyItsOwnDuplicatePair()
    {
        var units = new StringBuilder("unit_id,unit_name,year\n");
        var members = new StringBuilder("unit_id,member_id,name,role\n");
        var sessions = new StringBuilder("unit_id,session_id,date\n");
        var attendance = new StringBuilder("unit_id,session_id,member_id,status\n");
        units.Append("BIG,大单位,2024\n");
        for (var m = 0; m < 70; m++)
        {
            members.Append($"BIG,M{m},成员{m},{(m == 0 ? "书记" : "成员")}\n");
        }

        for (var s = 0; s < 60; s++)
        {
            sessions.Append($"BIG,S{s},2024-03-05\n");
            for (var m = 0; m < 70; m++)
            {
                attendance.Append($"BIG,S{s},M{m},出席\n");
            }
        }

        for (var u = 0; u < 40; u++)
        {
            units.Append($"U{u},单位{u},2024\n");
            members.Append($"U{u},M0,王,书记\nU{u},M1,李,成员\n");
            sessions.Append($"U{u},S0,2024-03-05\n");
            attendance.Append($"U{u},S0,M0,出席\nU{u},S0,M1,出席\n");
        }

        attendance.Append("BIG,S59,M69,请假\n"); // the huge unit's one duplicate, after every other row
        for (var u = 0; u < 40; u += 3)
        {
            attendance.Append($"U{u},S0,M1,请假\n"); // and one in every third small unit
        }

        var e = _x.Write("units.csv", units.ToString()).Write("members.csv", members.ToString())
            .Write("sessions.csv", sessions.ToString()).Write("attendance.csv", attendance.ToString()).Read();

        var expected = new[] { "BIG" }.Concat(Enumerable.Range(0, 40).Where(u => u % 3 == 0).Select(u => $"U{u}"));
        var duplicates = e.Diagnostics.Where(d => d.Code == "duplicate-pair").ToArray();
        duplicates.Select(d => d.UnitId).Should().BeEquivalentTo(expected);
        e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().HaveCount(duplicates.Length);
        e.Units.Should().HaveCount(40 - expected.Count() + 1);
    }

    [Fact]
    public void Read_UnknownSessionAndMember_AreRowErrors()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\nU2,M9,李,书记\n")
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2024-03-05\n")
            .Write("speeches.csv", "unit_id,session_id,member_id\nU1,S2,M1\nU1,S1,M9\n").Read();

        e.Diagnostics.Where(d => d.Severity == Severity.RowError).Select(d => (d.Line, d.Column, d.Code))
            .Should().Equal((2, "session_id", "unknown-session"), (3, "member_id", "unknown-member"));
    }

    [Fact]
    public void Read_SessionRowWithError_DoesNotAlsoMakeItsAttendanceUnknown()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\n")
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,bad\n")
            .Write("attendance.csv", "unit_id,session_id,member_id,status\nU1,S1,M1,出席\n").Read();

        e.Diagnostics.Where(d => d.Severity == Severity.RowError).Select(d => d.Code).Should().Equal("bad-date");
    }

    [Fact]
    public void Read_SecondSecretary_IsRowError()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\nU1,M2,李,党组书记;成员\n").Read();

        var d = Only(e, Severity.RowError);
        (d.Line, d.Column, d.UnitId, d.Code).Should().Be((3, "role", "U1", "second-secretary"));
    }

    [Fact]
    public void Read_RowOfUnknownUnit_IsRowErrorThatInvalidatesNoUnit()
    {
        var e = _x.Write("units.csv", TempExport.Units).Write("reviews.csv", "unit_id,finding\nU9,弄虚作假\n").Read();

        var d = Only(e, Severity.RowError);
        (d.File, d.Line, d.Column, d.UnitId, d.Code).Should().Be(("reviews.csv", 2, "unit_id", "U9", "unknown-unit"));
        e.Units.Should().HaveCount(2);
        e.InvalidUnits.Should().BeEmpty();
        e.ExitCode.Should().Be(1);
    }

    [Fact]
    public void Read_DirectiveForEveryUnitWithBadDate_IsFileError()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("directives.csv", "directive_id,unit_id,issued_date\nD1,*,2024-02-30\n").Read();

        var d = Only(e, Severity.FileError);
        (d.File, d.Line, d.Column, d.UnitId).Should().Be(("directives.csv", 2, "issued_date", null));
        e.ExitCode.Should().Be(2);
    }

    [Fact]
    public void Read_DirectivesWithBlankOrStarUnit_GoToEveryUnit()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("directives.csv", "directive_id,unit_id,issued_date\nD1,*,2024-02-01\nD2,,2024-03-01\nD3,U2,2024-04-01\n").Read();

        e.Units[0].Directives.Select(d => d.DirectiveId).Should().Equal("D1", "D2");
        e.Units[1].Directives.Select(d => d.DirectiveId).Should().Equal("D1", "D2", "D3");
    }

    private static ReadOptions Classifying(DateOnly? asOf = null) => new()
    {
        AsOf = asOf ?? new DateOnly(2025, 1, 15),
        ClassifyWaiverItem = (_, id) => id.StartsWith("FJ", StringComparison.Ordinal) ? WaiverTarget.NotWaivable
            : id == "XS-06" ? WaiverTarget.Item : WaiverTarget.Unknown,
    };

    [Fact]
    public void Read_WaiverNamingVetoForOneUnit_IsRowError()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("waivers.csv", "unit_id,item_id,justification,approved_by\nU2,FJ-01,理由,宣传部\n").Read(Classifying());

        var d = Only(e, Severity.RowError);
        (d.Line, d.Column, d.UnitId, d.Code).Should().Be((2, "item_id", "U2", "waiver-not-waivable"));
        e.InvalidUnits.Single().UnitId.Should().Be("U2");
    }

    [Fact]
    public void Read_WaiverForEveryUnitNamingUnknownItem_IsFileError()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("waivers.csv", "unit_id,item_id,justification,approved_by\n*,XX-99,理由,宣传部\n").Read(Classifying());

        Only(e, Severity.FileError).Code.Should().Be("waiver-unknown-item");
        e.ExitCode.Should().Be(2);
    }

    [Fact]
    public void Read_ExpiredWaiver_WarnsAndIsKept()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("waivers.csv", "unit_id,item_id,justification,approved_by,expires\nU1,xs-06,理由,宣传部,2024-12-31\n").Read(Classifying());

        var d = Only(e, Severity.Warning);
        (d.Line, d.Column, d.Code).Should().Be((2, "expires", "waiver-expired"));
        e.Units[0].Waivers.Single().ItemId.Should().Be("XS-06");
    }

    [Fact]
    public void Read_Strict_TurnsWarningsIntoRowErrors()
    {
        _x.Write("units.csv", TempExport.Units)
          .Write("sessions.csv", "unit_id,session_id,date,host_id\nU1,S1,2024-03-05,M9\n");

        _x.Read().Units.Should().HaveCount(2);
        var strict = _x.Read(new ReadOptions { Strict = true });

        strict.InvalidUnits.Single().UnitId.Should().Be("U1");
        strict.Diagnostics.Should().OnlyContain(d => d.Severity == Severity.RowError);
        strict.ExitCode.Should().Be(1);
    }

    [Fact]
    public void Read_StrictUnknownColumn_IsFileError()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year,备注\nU1,一号,2024,x\n").Read(new ReadOptions { Strict = true });

        e.ExitCode.Should().Be(2);
    }

    [Fact]
    public void Read_ForcedEncodingThatDoesNotFit_IsFileError()
    {
        _x.Write("units.csv", "单位编码,单位名称,年度\nU1,一号,2024\n", TempExport.Gb18030);

        _x.Read(new ReadOptions { Encoding = TextDecoder.Resolve("gb18030") }).Units.Should().ContainSingle();
        var e = _x.Read(new ReadOptions { Encoding = TextDecoder.Resolve("utf-8") });

        var d = Only(e, Severity.FileError);
        (d.File, d.Code).Should().Be(("units.csv", "bad-encoding"));
    }

    [Fact]
    public void Read_BinaryFile_IsFileError()
    {
        var e = _x.WriteBytes("units.csv", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]).Read();

        Only(e, Severity.FileError).Code.Should().Be("not-csv");
    }

    [Fact]
    public void Read_TooManyFields_IsRowError()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号,2024,extra\n").Read();

        var d = Only(e, Severity.RowError);
        (d.Line, d.UnitId, d.Code).Should().Be((2, "U1", "too-many-fields"));
    }

    [Fact]
    public void Read_UnknownHostAndApprover_AreKeptWithWarnings()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("sessions.csv", "unit_id,session_id,date,host_id\nU1,S1,2024-03-05,M9\n")
            .Write("documents.csv", "unit_id,doc_id,kind,date,approved_by\nU1,F1,学习计划,2024-01-05,X1\n").Read();

        e.Diagnostics.Select(d => (d.Severity, d.File, d.Column, d.Code)).Should().Equal(
            (Severity.Warning, "sessions.csv", "host_id", "unknown-person"),
            (Severity.Warning, "documents.csv", "approved_by", "unknown-person"));
        e.Units[0].Sessions.Single().HostId.Should().Be("M9");
    }

    [Fact]
    public void Read_DatesOutsideTheYearAndBlankDates_Warn()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2023-12-30\n")
            .Write("outputs.csv", "unit_id,output_id,kind,date\nU1,O1,调研报告,\nU1,O2,调研报告,2025-01-02\n")
            .Write("documents.csv", "unit_id,doc_id,kind,date\nU1,F1,学习计划,\n").Read();

        e.Diagnostics.Should().OnlyContain(d => d.Severity == Severity.Warning);
        e.Diagnostics.Select(d => (d.File, d.Line, d.Code)).Should().Equal(
            ("sessions.csv", 2, "session-out-of-year"), ("outputs.csv", 2, "blank-date"), ("outputs.csv", 3, "out-of-year"), ("documents.csv", 2, "blank-doc-date"));
    }

    [Fact]
    public void Read_SessionMissingAttendanceRows_WarnsOncePerSession()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\nU1,M2,李,成员\nU1,M3,张,学习秘书\n")
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2024-03-05\nU1,S2,2024-04-05\n")
            .Write("attendance.csv", "unit_id,session_id,member_id,status\nU1,S1,M1,出席\nU1,S1,M2,出席\nU1,S2,M1,出席\n").Read();

        var d = Only(e, Severity.Warning);
        (d.File, d.Line, d.UnitId, d.Code).Should().Be(("sessions.csv", 3, "U1", "missing-attendance"));
        d.Text("en").Should().Contain("S2").And.Contain("1 member");
    }

    /// <summary>An attendance row with an error is reported; its session is not also warned about as lacking that
    /// member's row ("counted absent"), which contradicted the error beside it. A session whose rows are all valid is
    /// still warned about. Read whole and unit by unit.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_AnAttendanceRowWithAnError_DoesNotMakeItsSessionLackARow(bool streamed)
    {
        _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\nU1,M2,李,成员\n")
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2024-03-05\nU1,S2,2024-04-05\n")
            .Write("attendance.csv", "unit_id,session_id,member_id,status\nU1,S1,M1,出席\nU1,S1,M2,maybe\nU1,S2,M1,出席\n");

        var e = streamed ? CsvExport.Stream(_x.Folder, null, _ => { }) : _x.Read();

        e.Diagnostics.Select(d => (d.Severity, d.File, d.Line, d.Code)).Should().Equal(
            (Severity.RowError, "attendance.csv", 3, "unknown-word"),
            (Severity.Warning, "sessions.csv", 3, "missing-attendance"));
        e.Diagnostics[1].Args[0].Should().Be("S2");
    }

    /// <summary>A column wrong in every row names the same unknown word each time: the errors share one array of
    /// values (millions of them at province scale: 0.70 → 0.52–0.57 GB for 1.68 million), each error still naming
    /// its own word and column.</summary>
    [Fact]
    public void Read_TheSameUnknownWordInManyRows_SharesItsValues_AndEachErrorNamesItsOwn()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("outputs.csv", "unit_id,output_id,kind,published_level\nU1,O1,maybe,\nU1,O2,maybe,\nU1,O3,perhaps,\nU1,O4,maybe,maybe\nU1,O5,调研报告,maybe\n").Read();

        var errors = e.Diagnostics.Where(d => d.Code == "unknown-word").ToArray();
        errors.Select(d => (d.Line, d.Column, d.Args[0], d.Args[1])).Should().Equal(
            (2, "kind", "maybe", "kind"), (3, "kind", "maybe", "kind"), (4, "kind", "perhaps", "kind"),
            (5, "kind", "maybe", "kind"), (5, "published_level", "maybe", "published_level"), (6, "published_level", "maybe", "published_level"));
        errors[1].Args.Should().BeSameAs(errors[0].Args, "the same word in the same column, one row on");
        errors[5].Args.Should().BeSameAs(errors[4].Args);
        errors[3].Args.Should().NotBeSameAs(errors[0].Args, "another word came between");
    }

    [Fact]
    public void Read_IdenticalSpeechRows_StayTwoRows()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\n")
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2024-03-05\n")
            .Write("speeches.csv", "unit_id,session_id,member_id,kind\nU1,S1,M1,\nU1,S1,M1,\n").Read();

        var speeches = e.Units[0].Speeches;
        speeches.Should().HaveCount(2);
        speeches[0].Should().NotBe(speeches[1], "each row keeps its own source line");
        speeches.Should().OnlyContain(s => s.Kind == SpeechKind.Discussion);
    }

    [Fact]
    public void Read_EverySessionColumn_ReadsItsValue()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\n")
            .Write("sessions.csv",
                "unit_id,session_id,date,duration_minutes,form,topic,content_tags,host_id,acting_reason,notice_date,materials_issued,secretary_remarks,sign_in,has_record,briefing,linked_issue,directive_ids\n" +
                "U1,S1,2024年3月5日,１２０,专家辅导,  学习全会精神 ,新思想；四史、营商环境,M1,,2024/2/20,√,y,是,有,TRUE,审批时限,D1|D2\n").Read();

        e.Diagnostics.Select(d => d.Code).Should().Equal("missing-attendance");
        e.Units[0].Sessions.Single().Should().BeEquivalentTo(new
        {
            Date = new DateOnly(2024, 3, 5),
            DurationMinutes = (int?)120,
            Form = SessionForm.Lecture,
            Topic = "学习全会精神",
            Tags = new[] { ContentTag.InnovationTheory, ContentTag.PartyHistory },
            FreeTags = new[] { "营商环境" },
            HostId = "M1",
            ActingReason = (string?)null,
            NoticeDate = (DateOnly?)new DateOnly(2024, 2, 20),
            MaterialsIssued = (bool?)true,
            SecretaryRemarks = (bool?)true,
            SignIn = (bool?)true,
            HasRecord = (bool?)true,
            Briefing = (bool?)true,
            LinkedIssue = "审批时限",
            DirectiveIds = new[] { "D1", "D2" },
        });
    }

    [Fact]
    public void Read_ContentTags_SplitTrimmedDeduplicatedAndFreeTagsKept()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("sessions.csv", "unit_id,session_id,date,content_tags\n" +
                "U1,S1,2024-03-05, 新思想 ||四史;新思想 ; 营商环境 ;;乡村振兴\n" +
                "U1,S2,2024-04-05,\n" +
                "U1,S3,2024-05-05,Party_Rules、ｌａｗ\n").Read();

        var sessions = e.Units[0].Sessions;
        sessions[0].Tags.Should().Equal(ContentTag.InnovationTheory, ContentTag.PartyHistory);
        sessions[0].FreeTags.Should().Equal("营商环境", "乡村振兴");
        sessions[1].Tags.Should().BeEmpty();
        sessions[1].FreeTags.Should().BeEmpty();
        sessions[2].Tags.Should().Equal(ContentTag.PartyRules, ContentTag.Law);
        sessions[2].FreeTags.Should().BeEmpty();
    }

    [Fact]
    public void Read_RowsOfUnitsInterleaved_KeepFileOrderPerUnitAndKnowEveryId()
    {
        var e = _x.Write("units.csv", TempExport.Units)
            .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\nU1,M2,张,成员\nU2,M1,李,书记\n")
            .Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2024-03-05\nU2,S1,2024-03-06\nU1,S2,2024-04-05\nU2,S2,2024-04-06\n")
            .Write("attendance.csv", "unit_id,session_id,member_id,status\n" +
                "U1,S2,M2,出席\nU2,S1,M1,出席\nU1,S1,M1,出席\nU1,S1,M2,出席\nU2,S2,M1,出席\nU1,S2,M1,出席\nU2,S2,M2,出席\n").Read();

        var u1 = e.Units.Single(u => u.UnitId == "U1");
        u1.Members.Select(m => m.MemberId).Should().Equal("M1", "M2");
        u1.Sessions.Select(s => s.SessionId).Should().Equal("S1", "S2");
        u1.Attendance.Select(a => a.Source.Line).Should().Equal(2, 4, 5, 7);
        e.Diagnostics.Select(d => $"{d.Code} {d.File}:{d.Line} {d.UnitId}").Should().Equal(
            ["unknown-member attendance.csv:8 U2"], "U1's members and sessions are all known to it, and U2 has no M2");
        e.InvalidUnits.Single().UnitId.Should().Be("U2");
        e.RowCounts["attendance"].Should().Be(7);
    }

    [Fact]
    public void Diagnostic_InEnglish_SaysTheSameThing()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号,20x4\n").Read();

        var d = Only(e, Severity.RowError);
        d.Format("en").Should().Be("units.csv:2 [year] U1: '20x4' is not a whole number from 2000 to 2100");
        d.Format("zh").Should().Be("units.csv:2 [year] U1: “20x4”不是 2000 到 2100 之间的整数");
    }

    [Fact]
    public void Read_DuplicateUnitId_InvalidatesThatUnitOnce()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号,2024\nU2,二号,2024\nU1,又一号,2024\n").Read();

        var d = Only(e, Severity.RowError);
        (d.Line, d.Column, d.UnitId, d.Code).Should().Be((4, "unit_id", "U1", "duplicate-id"));
        e.InvalidUnits.Select(u => u.UnitId).Should().Equal("U1");
        e.Units.Select(u => u.UnitId).Should().Equal("U2");
    }

    [Fact]
    public void Read_BlankUnitId_IsRowErrorOfNoUnit()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year\n,无编码单位,2024\nU2,二号,2024\n").Read();

        var d = Only(e, Severity.RowError);
        (d.Line, d.Column, d.UnitId, d.Code).Should().Be((2, "unit_id", null, "required"));
        e.Units.Select(u => u.UnitId).Should().Equal("U2");
        e.ExitCode.Should().Be(1);
    }

    [Fact]
    public void Read_UnterminatedQuote_IsRowErrorNotACrash()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号,2024\nU2,\"二号,2024\n").Read();

        e.Units.Select(u => u.UnitId).Should().Equal("U1");
        e.Diagnostics.Should().Contain(d => d.Severity == Severity.RowError && d.Line == 3 && d.UnitId == "U2");
    }

    [Fact]
    public void Read_StrayQuoteInUnquotedField_IsKeptAsText()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year\nU1,学习\"两个确立\"单位,2024\n").Read();

        e.Diagnostics.Should().BeEmpty();
        e.Units.Single().Unit.UnitName.Should().Be("学习\"两个确立\"单位");
    }

    [Fact]
    public void Read_TextAfterClosingQuote_IsRowError()
    {
        var e = _x.Write("units.csv", "unit_id,unit_name,year\nU1,\"一号\"单位,2024\n").Read();

        Only(e, Severity.RowError).Code.Should().Be("text-after-quote");
    }

    // The files are loaded on a thread of their own while the first tables are mapped (CsvExport.Read): the result must
    // be the one of loading every file first.

    [Fact]
    public void Read_FileErrorInALaterTable_StopsEveryUnitAndDropsTheRowsMappedMeanwhile()
    {
        _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号单位,2024\nU2,,2024\n")
          .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王建国,院长\n")
          .Write("speeches.csv", "unit_id,session_id,member_id,member_id\nU1,S1,M1,M1\n");

        var e = _x.Read();

        e.Diagnostics.Select(d => (d.Severity, d.File, d.Code)).Should().Equal((Severity.FileError, "speeches.csv", "duplicate-column"));
        e.Units.Should().BeEmpty();
        e.InvalidUnits.Should().BeEmpty();
        e.RowCounts.Values.Should().OnlyContain(n => n == 0);
    }

    [Fact]
    public void Read_FileErrorInUnits_LeavesOnlyTheFileLevelDiagnosticsOfEveryTable()
    {
        // Nothing after units.csv is mapped (every row would be an "unknown unit"), but every file is still loaded and
        // checked, so a later file's own problems are reported too.
        _x.Write("units.csv", "unit_id,year\nU1,2024\n")
          .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王建国,书记\nU9,M2,李四,委员\n")
          .Write("outputs.csv", "unit_id,output_id,kind,title,remark\nU1,O1,article,标题,备注\n");

        var e = _x.Read();

        e.Diagnostics.Select(d => (d.Severity, d.File, d.Code)).Should().Equal(
            (Severity.FileError, "units.csv", "missing-column"), (Severity.Warning, "outputs.csv", "unknown-column"));
        e.Units.Should().BeEmpty();
        e.RowCounts.Values.Should().OnlyContain(n => n == 0);
    }

    /// <summary>After a file with a file error, no table is mapped (its rows would only make diagnostics to drop). The
    /// waiver check is called for each waiver row for every unit that is mapped, whatever units.csv holds, so it
    /// shows whether waivers.csv was.</summary>
    [Theory]
    [InlineData("units.csv", "unit_id,year\nU1,2024\n")]                                // missing column
    [InlineData("speeches.csv", "unit_id,session_id,member_id,member_id\nU1,S1,M1,M1\n")] // duplicate column
    public void Read_AfterAFileError_LaterTablesAreNotMapped(string file, string text)
    {
        var calls = 0;
        var options = ReadOptions.Default with
        {
            ClassifyWaiverItem = (_, _) =>
            {
                Interlocked.Increment(ref calls);
                return WaiverTarget.Item;
            },
        };
        _x.Write("units.csv", TempExport.Units)
          .Write("waivers.csv", "unit_id,item_id,justification,approved_by\n,XS-06,理由,县委宣传部\n"); // every unit's
        _x.Read(options).Diagnostics.Should().BeEmpty();
        calls.Should().Be(1, "with no file error the waiver row is mapped and checked");

        calls = 0;
        var e = _x.Write(file, text).Read(options);

        e.Diagnostics.Select(d => (d.Severity, d.File)).Should().Equal((Severity.FileError, file));
        calls.Should().Be(0);
    }

    [Theory]
    [InlineData("units.csv", false)]
    [InlineData("sessions.csv", false)]
    [InlineData("units.csv", true)]
    [InlineData("sessions.csv", true)]
    public async Task Read_AnExceptionWhileAFileIsLoaded_ReachesTheCallerAsItWasThrown(string file, bool streamed)
    {
        // Streamed, sessions.csv fails while the tables' cursors are made, after members.csv's has started its thread.
        // The files are loaded on a thread of their own; an exception there other than cancellation (here from an
        // encoding given by the caller) must reach whoever reads, unwrapped, and nothing may wait for it forever.
        _x.Write("units.csv", TempExport.Units)
          .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,张三,书记\n")
          .Write("sessions.csv", "unit_id,session_id,date,topic\nU1,S1,2024-03-05,学习\n")
          .Write("speeches.csv", "unit_id,session_id,member_id,kind\nU1,S1,M1,中心发言\n")
          .Write(file, File.ReadAllText(Path.Combine(_x.Folder, file)) + "# THROW\n");
        var options = ReadOptions.Default with { Encoding = new ThrowingEncoding("THROW") };

        var read = Task.Run(() => streamed ? CsvExport.Stream(_x.Folder, options, _ => { }) : _x.Read(options));
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30)));

        finished.Should().BeSameAs(read, "a failed load must not leave the reader waiting");
        await read.Invoking(r => r).Should().ThrowExactlyAsync<InvalidOperationException>().WithMessage("THROW in the bytes");
    }

    /// <summary>UTF-8 under another code page (so the reader decodes with it), throwing when the text holds a marker.</summary>
    private sealed class ThrowingEncoding(string marker) : Encoding(20127)
    {
        private static readonly Encoding Inner = new UTF8Encoding(false, true);

        public override int GetByteCount(char[] chars, int index, int count) => Inner.GetByteCount(chars, index, count);

        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
            Inner.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

        public override int GetCharCount(byte[] bytes, int index, int count) => Inner.GetCharCount(bytes, index, count);

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
        {
            var n = Inner.GetChars(bytes, byteIndex, byteCount, chars, charIndex);
            return chars.AsSpan(charIndex, n).IndexOf(marker) >= 0 ? throw new InvalidOperationException($"{marker} in the bytes") : n;
        }

        public override int GetMaxByteCount(int charCount) => Inner.GetMaxByteCount(charCount);

        public override int GetMaxCharCount(int byteCount) => Inner.GetMaxCharCount(byteCount);
    }

    [Fact]
    public void Read_FileLevelWarningsOfEveryTable_ComeBeforeTheRowsDiagnostics()
    {
        _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号单位,2024\nU2,,2024\n")
          .Write("outputs.csv", "unit_id,output_id,kind,title,remark\n");

        var e = _x.Read();

        e.Diagnostics.Select(d => (d.File, d.Code)).Should().Equal(("outputs.csv", "unknown-column"), ("units.csv", "required"));
    }

    [Fact]
    public void Read_TooManyRowsInALaterTable_FollowsTheRowsReadBeforeIt()
    {
        var sessions = string.Concat(Enumerable.Range(1, 30).Select(i => $"U1,S{i},2024-03-{i % 28 + 1:00},第{i}次\n"));
        _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号单位,2024\nU2,,2024\n")
          .Write("sessions.csv", "unit_id,session_id,date,topic\n" + sessions);

        var e = _x.Read(new ReadOptions { Limits = ReadLimits.Default with { MaxRowsPerFile = 20 } });

        e.Diagnostics.Select(d => (d.File, d.Code)).Should().Equal(("units.csv", "required"), ("sessions.csv", "too-many-rows"));
        e.Units.Should().BeEmpty();
    }

    [Fact]
    public void Read_Cancelled_ThrowsOperationCanceled()
    {
        _x.Write("units.csv", TempExport.Units).Write("sessions.csv", "unit_id,session_id,date,topic\nU1,S1,2024-03-05,学习\n");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var read = () => _x.Read(new ReadOptions { Cancellation = cancel.Token });

        read.Should().Throw<OperationCanceledException>();
    }
}
