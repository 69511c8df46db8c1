using Assessment.Rules.Claims;
using Xunit.Abstractions;

namespace Assessment.Tests.Claims;

/// <summary>The two real reports, annotated by hand (every claim with its kind, paragraph, value and stance, and every
/// placeholder), and the extractor measured against them. The numbers go in the README.</summary>
public sealed class AnnotatedReportsTests(ITestOutputHelper output)
{
    private static string Report(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Reports", name);

    // (kind, line, value, stance): value is a number, a rate like 0.9, "all" or "present".
    private static readonly (string Kind, int Line, string Value, string Stance)[] Town =
    [
        ("on_agenda", 3, "present", "achieved"),
        ("responsibility_systems", 3, "present", "achieved"),
        ("plan", 3, "present", "achieved"),
        ("study_rules", 3, "present", "achieved"),
        ("study_secretary", 3, "present", "achieved"),
        ("secretary_approved_plan", 4, "present", "achieved"),
        ("study_rules", 4, "present", "achieved"),
        ("sessions", 4, "6", "achieved"),
        ("secretary_hosted", 4, "all", "achieved"),
        ("attendance_rate", 4, "0.9", "achieved"),
        ("secretary_lectures", 4, "4", "achieved"),
        ("member_lectures", 4, "present", "achieved"),
        ("advance_notice", 9, "present", "achieved"),
        ("online_study", 9, "present", "achieved"),
        ("sessions", 10, "6", "achieved"),
        ("field_studies", 11, "present", "achieved"),
        ("reported_upward", 13, "present", "achieved"),
        ("reported_upward", 13, "6", "achieved"),
        ("archive", 13, "present", "achieved"),
        ("online_study", 13, "present", "achieved"),
        ("online_study", 13, "0.5", "achieved"),
        ("publications", 13, "2", "achieved"),
        ("publications", 13, "15", "achieved"),
        ("conversions", 13, "present", "achieved"),
    ];

    private static readonly (string Kind, int Line, string Value, string Stance)[] District =
    [
        ("study_rules", 1, "present", "achieved"),
        ("plan", 5, "present", "achieved"),
        ("sessions", 7, "4", "achieved"),
        ("advance_notice", 7, "present", "achieved"),
        ("study_rules", 8, "present", "achieved"),
        ("study_rules", 9, "present", "achieved"),
        ("attendance_records", 9, "present", "achieved"),
        ("leave_procedure", 9, "present", "achieved"),
        ("speakers_per_session", 11, "1", "achieved"),
        ("research_reports", 12, "present", "achieved"),
        ("research_reports", 13, "all", "achieved"),
        ("study_rules", 16, "present", "achieved"),
        ("secretary_lectures", 16, "4", "achieved"),
        ("research_reports", 16, "present", "achieved"),
        ("archive", 16, "present", "achieved"),
        ("attendance_records", 16, "present", "achieved"),
        ("member_review", 16, "present", "achieved"),
        ("sessions", 16, "4", "planned"),
        ("attendance_rate", 16, "1", "planned"),
        ("field_studies", 18, "present", "achieved"),
        ("archive", 19, "present", "achieved"),
    ];

    private static readonly (string Kind, int Line, string Text)[] TownPlaceholders =
    [
        ("quantity", 1, "20**年"), ("quantity", 4, "20***年"), ("quantity", 4, "20***年"), ("quantity", 7, "20***年"),
        ("quantity", 13, "20***年"), ("quantity", 13, "20***年"),
    ];

    private static string V(object value) => value switch
    {
        decimal d => Assessment.Core.Scoring.Numbers.Format(d),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static (double Recall, double Precision, string[] Missed, string[] Extra) Measure(string file, (string, int, string, string)[] expected)
    {
        var report = ClaimExtractor.Read(file, ReportReader.Paragraphs(Report(file)));
        var found = report.Claims.Select(c => (c.Kind, c.Line, V(c.Value), c.Stance)).Distinct().ToHashSet();
        var want = expected.ToHashSet();
        var hit = want.Count(found.Contains);
        return ((double)hit / want.Count, (double)found.Count(want.Contains) / found.Count,
            want.Where(w => !found.Contains(w)).Select(w => w.ToString()).ToArray(), found.Where(f => !want.Contains(f)).Select(f => f.ToString()).ToArray());
    }

    [Fact]
    public void Extractor_OnTheAnnotatedReports_HasHighRecallAndPrecision()
    {
        var town = Measure("town-self-inspection.txt", Town);
        var district = Measure("district-center-summary.txt", District);
        foreach (var (name, m) in new[] { ("town", town), ("district", district) })
        {
            output.WriteLine($"{name}: recall {m.Recall:P0}, precision {m.Precision:P0}; missed {string.Join(" ", m.Missed)}; extra {string.Join(" ", m.Extra)}");
        }

        var all = Town.Length + District.Length;
        var recall = (town.Recall * Town.Length + district.Recall * District.Length) / all;
        output.WriteLine($"overall recall {recall:P1}");
        town.Recall.Should().BeGreaterThanOrEqualTo(0.9);
        district.Recall.Should().BeGreaterThanOrEqualTo(0.85);
        town.Precision.Should().BeGreaterThanOrEqualTo(0.85);
        district.Precision.Should().BeGreaterThanOrEqualTo(0.8);
    }

    [Theory]
    [InlineData("town-self-inspection")]
    [InlineData("district-center-summary")]
    public void AReportLibreOfficeSavedAsDocx_ReadsAsItsText_LineForLine(string name)
    {
        var text = ReportReader.Paragraphs(Report($"{name}.txt"));
        var docx = ReportReader.Paragraphs(Report($"{name}.libreoffice.docx"));

        docx.Should().Equal(text, "each line of the text became one paragraph of LibreOffice Writer's .docx");
        ClaimExtractor.Read(name, docx).Should().BeEquivalentTo(ClaimExtractor.Read(name, text), o => o.WithStrictOrdering());
    }

    /// <summary>A text box (a LibreOffice text frame) anchored in the second paragraph, saved by LibreOffice Writer with a
    /// copy for older readers: its text is read once, as a line of its own after that paragraph.</summary>
    [Fact]
    public void AReportWithATextBox_SavedByLibreOffice_ReadsTheBoxOnce()
    {
        var path = Report("textbox.libreoffice.docx");

        ReportReader.Paragraphs(path).Should().Equal("自查报告", "一、基本情况", "全年开展集体学习研讨8次。", "全年撰写调研报告3篇。");
        ClaimExtractor.Read("textbox", ReportReader.Paragraphs(path)).Claims.Select(c => (c.Kind, c.Line)).Should().Equal(("sessions", 3), ("research_reports", 4));
    }

    [Fact]
    public void Placeholders_OfTheTownReport_AreExactlyTheAnnotatedOnes()
    {
        var report = ClaimExtractor.Read("town", ReportReader.Paragraphs(Report("town-self-inspection.txt")));

        report.Placeholders.Select(p => (p.Kind, p.Line, p.Text)).Should().Equal(TownPlaceholders);
        report.Unfilled.Should().BeTrue();
        ClaimExtractor.Read("district", ReportReader.Paragraphs(Report("district-center-summary.txt"))).Placeholders.Should().BeEmpty();
    }
}
