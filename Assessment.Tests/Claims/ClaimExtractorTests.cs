using Assessment.Rules.Claims;

namespace Assessment.Tests.Claims;

public sealed class ClaimExtractorTests
{
    private static ClaimReport Read(params string[] paragraphs) => ClaimExtractor.Read("test.txt", paragraphs);

    private static Claim One(string kind, params string[] paragraphs) =>
        Read(paragraphs).Claims.Where(c => c.Kind == kind).Should().ContainSingle().Subject;

    [Theory]
    [InlineData("sessions", "全年开展集体学习研讨12次。", 12)]
    [InlineData("lectures", "邀请专家作专题辅导3场。", 3)]
    [InlineData("field_studies", "组织走出去学习2次。", 2)]
    [InlineData("secretary_lectures", "书记带头讲党课2次。", 2)]
    [InlineData("speakers_per_session", "每次安排3人以上发言。", 3)]
    [InlineData("research_reports", "形成调研报告8篇。", 8)]
    [InlineData("articles", "撰写心得体会20篇。", 20)]
    [InlineData("reported_upward", "报送学习情况5次。", 5)]
    [InlineData("subordinate_supervision", "列席旁听下级中心组学习3次。", 3)]
    [InlineData("publications", "被市级媒体刊发4篇。", 4)]
    [InlineData("conversions", "推动成果转化5项。", 5)]
    [InlineData("member_lectures", "班子成员开展宣讲6次。", 6)]
    public void Count_KindsReadTheirNumber(string kind, string text, int value) =>
        One(kind, text).Value.Should().Be(value);

    [Theory]
    [InlineData("plan", "年初制定印发了年度学习计划。")]
    [InlineData("study_rules", "修订完善了中心组学习制度。")]
    [InlineData("archive", "学习资料全部归档。")]
    [InlineData("study_secretary", "明确专人担任学习秘书。")]
    [InlineData("on_agenda", "党委将中心组学习列入重要议事日程。")]
    [InlineData("responsibility_systems", "纳入意识形态工作责任制。")]
    [InlineData("advance_notice", "会前提前通知学习内容。")]
    [InlineData("briefings", "及时编发学习简报。")]
    [InlineData("attendance_records", "严格考勤签到。")]
    [InlineData("leave_procedure", "因故不能参加的履行请假手续。")]
    [InlineData("makeup_study", "缺席人员及时补学。")]
    [InlineData("member_review", "年底开展述学评学。")]
    [InlineData("online_study", "坚持用好学习强国平台。")]
    public void Present_KindsAreFound(string kind, string text) =>
        One(kind, text).Value.Should().Be("present");

    [Fact]
    public void SecretaryApprovedPlan_NeedsTheSecretaryInTheParagraph()
    {
        One("secretary_approved_plan", "党委书记审定年度学习计划。").Value.Should().Be("present");
        Read("审定年度学习计划。").Claims.Should().NotContain(c => c.Kind == "secretary_approved_plan");
    }

    [Fact]
    public void AllAndRates_AreRead()
    {
        One("secretary_hosted", "全年学习均由书记主持。").Value.Should().Be("all");
        One("self_study_plans", "每位成员均制定个人自学计划。").Value.Should().Be("all");
        var rate = One("attendance_rate", "中心组成员参学率不低于95%。");
        (rate.Value, rate.Comparator).Should().Be((0.95m, "≥"));
        One("attendance_rate", "参学率达到百分之九十。").Value.Should().Be(0.9m);
        One("attendance_rate", "参学率高于90%。").Comparator.Should().Be(">");
    }

    [Fact]
    public void ARateOfTooManyDigits_StatesNoRate()
    {
        // Found by fuzzing: decimal.Parse threw on it, an internal error of `assess claims`.
        var claims = Read($"参学率达到{new string('9', 60)}%。").Claims;

        claims.Should().NotContain(c => c.Value is decimal, "sixty nines are no percentage");
    }

    [Theory]
    [InlineData("全年开展集体学习研讨十二次。", 12)]
    [InlineData("全年开展集体学习研讨两次。", 2)]
    [InlineData("全年开展集体学习研讨二十三次。", 23)]
    [InlineData("全年开展集体学习研讨一百零五次。", 105)]
    [InlineData("全年开展集体学习研讨１２次。", 12)]
    [InlineData("每季度开展集体学习1次。", 4)]
    public void Numerals_ChineseAndFullWidth(string text, int value) => One("sessions", text).Value.Should().Be(value);

    [Theory]
    [InlineData("全年开展集体学习研讨12次。", "achieved")]
    [InlineData("下一步，将开展集体学习研讨12次。", "planned")]
    [InlineData("今后要确保每年集体学习12次。", "planned")]
    [InlineData("集体学习研讨仅6次，次数不够。", "shortcoming")]
    public void Stance_FromTheSentence(string text, string stance) => One("sessions", text).Stance.Should().Be(stance);

    [Fact]
    public void Stance_FromThePartOfTheReport_WithOrWithoutHeadings()
    {
        var report = Read(
            "一、主要做法",
            "全年开展集体学习研讨12次。",
            "二、存在的问题",
            "调研报告质量有待提高，全年仅形成调研报告3篇。",
            "三、下一步打算",
            "开展集体学习研讨不少于12次。",
            "中心组学习还存在一些问题。专题辅导2次，形式单一。");

        report.Claims.Select(c => (c.Line, c.Kind, c.Stance)).Should().Contain([
            (2, "sessions", "achieved"), (4, "research_reports", "shortcoming"), (6, "sessions", "planned"), (7, "lectures", "shortcoming")]);
        report.Claims.Should().NotContain(c => c.Line > 2 && c.Stance == "achieved", "a plan or a shortcoming is never an achievement");
    }

    [Theory]
    [InlineData("全年开展集体学习研讨_次。", "quantity", "_次")]
    [InlineData("全年开展集体学习研讨__次。", "quantity", "__次")]
    [InlineData("历时_天。", "quantity", "_天")]
    [InlineData("于_月召开。", "quantity", "_月")]
    [InlineData("邀请_位专家。", "quantity", "_位")]
    [InlineData("形成调研报告X篇。", "quantity", "X篇")]
    [InlineData("开展X次。", "quantity", "X次")]
    [InlineData("20***年度学习计划。", "quantity", "20***年")]
    [InlineData("20**年，镇党委。", "quantity", "20**年")]
    [InlineData("XX年工作总结。", "quantity", "XX年")]
    [InlineData("开展集体学习_余次。", "quantity", "_余次")]
    [InlineData("根据__厅要求。", "name", "__厅")]
    [InlineData("根据__省委部署。", "name", "__省委")]
    [InlineData("XX党委中心组。", "name", "XX党委")]
    [InlineData("***市委宣传部。", "name", "***市")]
    [InlineData("学习《___》。", "name", "《___》")]
    [InlineData("由____负责。", "name", "____")]
    public void Placeholders_EachForm(string text, string kind, string placeholder) =>
        Read(text).Placeholders.Should().ContainSingle().Which.Should().Be(new Placeholder(kind, 1, placeholder));

    [Theory]
    [InlineData("深入学习***新时代中国特色社会主义思想。")]
    [InlineData("学习***总书记重要讲话。")]
    [InlineData("用好学习强国学***台。")]
    public void MaskedWords_AreNotPlaceholders(string text) => Read(text).Placeholders.Should().BeEmpty();

    [Fact]
    public void UnfilledCount_IsTheValueUnfilled()
    {
        var c = One("sessions", "全年开展集体学习研讨_次。");

        c.Value.Should().Be("unfilled");
        Read("全年开展集体学习研讨_次。").Unfilled.Should().BeTrue();
    }
}
