using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Cli;

/// <summary>Workbooks another spreadsheet program saved (TestData/Workbooks, made by its make.sh with LibreOffice Calc
/// 7.4 and openpyxl): its shared strings, styles, number formats and real date cells, not the Open XML SDK's nor our
/// writer's. Excel itself is not on this machine.</summary>
public sealed class ForeignWorkbookTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private static string Workbook(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Workbooks", name);

    private string AsJson(string export)
    {
        var target = Path.Combine(_x.Folder, $"{Guid.NewGuid():N}.json");
        CliRunner.Run("convert", export, target).Exit.Should().Be(0);
        return File.ReadAllText(target);
    }

    [Theory]
    [InlineData("libreoffice-resaved.xlsx")] // our writer's workbook, opened and saved by LibreOffice
    [InlineData("libreoffice-typed.xlsx")] // the CSVs typed in as a user would: real dates and numbers
    public void AWorkbookLibreOfficeSaved_HoldsTheSampleRowForRow(string name) =>
        AsJson(Workbook(name)).Should().Be(AsJson(CliRunner.Sample));

    /// <summary>`assess template x.xlsx` with a unit typed in cell by cell through LibreOffice's input line: the text
    /// columns keep what was typed (a plain workbook made "007" 7, "=1+2" 3, "3/4" a date and "1E5" 100000), and the
    /// dates typed into the general columns are real dates.</summary>
    [Fact]
    public void TheWorkbookTemplate_TypedIntoByLibreOffice_KeepsWhatWasTyped()
    {
        var e = XlsxExport.Read(Workbook("libreoffice-template-typed.xlsx"));

        e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty();
        var u = e.Units.Single();
        u.UnitId.Should().Be("007");
        u.Unit.PlatformActiveRate.Should().Be(0.86m);
        u.Members.Select(m => (m.MemberId, m.Name, m.SelfStudyPlan)).Should().Equal(("001", "=1+2", (bool?)true), ("002", "3/4", (bool?)true));
        u.Sessions.Select(s => (s.SessionId, s.Date)).Should().Equal(("0001", new DateOnly(2024, 3, 5)), ("1E5", new DateOnly(2024, 3, 6)));
    }

    [Fact]
    public void AwkwardTextThroughLibreOffice_IsReadAsTheSameText()
    {
        var e = XlsxExport.Read(Workbook("libreoffice-awkward.xlsx"));

        e.Diagnostics.Where(d => d.Severity != Severity.Warning).Should().BeEmpty();
        var u = e.Units.Single(x => x.UnitId == "U001");
        u.Members.Take(6).Select(m => m.Name).Should().Equal("=1+2", "007", "1E5", "𠀀𠀁 张三", "TRUE", "2024-01-01");
        u.Outputs.Take(4).Select(o => o.Title).Should().Equal("第一行\n第二行 \"引号\" , 逗号", new string('长', 5000), "'撇号开头", "-12.50");
    }
}
