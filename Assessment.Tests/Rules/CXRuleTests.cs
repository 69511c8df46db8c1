using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.CX;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Rules;

public sealed class WrittenSpeechesRuleTests
{
    [Fact]
    public void Score_MembersWithAWrittenSpeechInTheYear()
    {
        var b = Units.Group(4).Session("S0", "2023-12-01").Session("S1", "2024-03-01")
            .Speech("S0", "M2", written: true).Speech("S1", "M1", written: true).Speech("S1", "M3", written: false);

        RuleFixture.Item<WrittenSpeechesRule>(b).Score.Should().Be(0.75m);
    }

    [Fact]
    public void Score_NoMembers_IsNoEvidence() =>
        RuleFixture.Item<WrittenSpeechesRule>(new UnitBuilder()).Status().Should().Be(ItemStatus.NoEvidence);
}

public sealed class ResearchReportsRuleTests
{
    [Fact]
    public void Score_ReportsInTheYearOrUndated()
    {
        var b = Units.Group(4)
            .Output("O1", OutputKind.ResearchReport, "M1", "2024-05-01")
            .Output("O2", OutputKind.ResearchReport, "M2", null)
            .Output("O3", OutputKind.ResearchReport, "M3", "2023-05-01")
            .Output("O4", OutputKind.Article, "M4", "2024-05-01")
            .Output("O5", OutputKind.ResearchReport, null, "2024-05-01");

        RuleFixture.Item<ResearchReportsRule>(b).Score.Should().Be(2.5m);
    }
}

public sealed class ArticlesRuleTests
{
    [Fact]
    public void Score_ArticlesAndReflectionsBothCount()
    {
        var b = Units.Group(3).Output("O1", OutputKind.Article, "M1", "2024-05-01").Output("O2", OutputKind.Reflection, "M2", "2024-06-01");

        // 4 × 2 / 3 = 2.666… → 2.67
        RuleFixture.Item<ArticlesRule>(b).Score.Should().Be(2.67m);
    }
}

public sealed class LecturesAndTalksRuleTests
{
    [Fact]
    public void Score_SecretaryLectureAndOthersShare()
    {
        var b = Units.Group(3).Output("O1", OutputKind.Talk, "M1", "2024-05-01").Output("O2", OutputKind.Talk, "M2", "2024-05-01");
        // the secretary's talk is no 党课; M2 of 2 others → 0.75
        RuleFixture.Item<LecturesAndTalksRule>(b).Score.Should().Be(0.75m);

        b.Output("O3", OutputKind.PartyLecture, "M1", "2024-06-01").Output("O4", OutputKind.PartyLecture, "M3", "2024-06-01");
        RuleFixture.Item<LecturesAndTalksRule>(b).Score.Should().Be(3);
    }

    [Fact]
    public void Score_SecretaryAlone_OnlyTheFirstPart() =>
        RuleFixture.Item<LecturesAndTalksRule>(new UnitBuilder().Member("M1", MemberRole.Secretary).Output("O1", OutputKind.PartyLecture, "M1", "2024-05-01"))
            .Score.Should().Be(1.5m);
}

public sealed class ConversionRuleTests
{
    [Theory]
    [InlineData(0, 0, ItemStatus.NoEvidence)]
    [InlineData(1, 1, ItemStatus.Partial)]
    [InlineData(2, 3, ItemStatus.Partial)]
    [InlineData(3, 3, ItemStatus.Partial)]
    [InlineData(4, 5, ItemStatus.Met)]
    public void Score_Bands(int conversions, int score, ItemStatus status)
    {
        var b = Units.Group().Output("X", OutputKind.Conversion, null, "2023-12-31");
        for (var i = 0; i < conversions; i++)
        {
            b.Output($"O{i}", OutputKind.Conversion, i % 2 == 0 ? null : "M2", "2024-06-01");
        }

        var o = RuleFixture.Item<ConversionRule>(b);
        o.Score.Should().Be(score);
        o.Status().Should().Be(status);
    }
}
