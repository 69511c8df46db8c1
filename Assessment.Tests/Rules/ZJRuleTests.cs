using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.ZJ;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Rules;

public sealed class PropagandaLeadRuleTests
{
    [Fact]
    public void Score_LeadAndScheduleInWindow_IsMet()
    {
        var b = new UnitBuilder().Member("M1", MemberRole.Secretary).Member("M2", MemberRole.PropagandaLead | MemberRole.Member);
        RuleFixture.Item<PropagandaLeadRule>(b).Score.Should().Be(1);

        b.Document("T0", DocumentKind.TopicSchedule, "2023-10-31");
        RuleFixture.Item<PropagandaLeadRule>(b).Score.Should().Be(1);

        b.Document("T1", DocumentKind.TopicSchedule, "2023-11-01");
        var o = RuleFixture.Item<PropagandaLeadRule>(b);
        o.Score.Should().Be(2);
        o.Evidence.Should().Equal("M2", "T1");
    }

    [Fact]
    public void Score_Neither_IsNoEvidence() =>
        RuleFixture.Item<PropagandaLeadRule>(Units.Group()).Status().Should().Be(ItemStatus.NoEvidence);
}

public sealed class StudySecretaryRuleTests
{
    [Fact]
    public void Score_StudySecretaryOutsideTheGroup_Counts()
    {
        var o = RuleFixture.Item<StudySecretaryRule>(Units.Group().Member("X1", MemberRole.StudySecretary));

        o.Score.Should().Be(2);
        o.Evidence.Should().Equal("X1");
    }

    [Fact]
    public void Score_None_IsNoEvidence() =>
        RuleFixture.Item<StudySecretaryRule>(Units.Group()).Status().Should().Be(ItemStatus.NoEvidence);
}

public sealed class PreparationRuleTests
{
    [Theory]
    [InlineData("2024-03-03", true, 2)]  // exactly 7 days before
    [InlineData("2024-03-04", true, 0)]  // 6 days
    [InlineData("2024-03-01", false, 0)] // no materials
    [InlineData(null, true, 0)]
    public void Score_OneSession(string? notice, bool materials, int score)
    {
        var b = Units.Group().Session("S1", "2024-03-10", s => s with
        {
            NoticeDate = notice is null ? null : DateOnly.Parse(notice, System.Globalization.CultureInfo.InvariantCulture),
            MaterialsIssued = materials,
        });

        RuleFixture.Item<PreparationRule>(b).Score.Should().Be(score);
    }

    [Fact]
    public void Score_OneOfThree_IsTwoThirdsRoundedOnce()
    {
        var b = Units.Group().Sessions(3, s => s with { NoticeDate = s.SessionId == "S1" ? s.Date.AddDays(-3) : null, MaterialsIssued = true });

        RuleFixture.Item<PreparationRule>(b).Score.Should().Be(0);
        RuleFixture.Item<PreparationRule>(b, Units.Grassroots).Score.Should().Be(0.67m);
    }
}

public sealed class BriefingsRuleTests
{
    [Fact]
    public void Score_HalfTheSessionsBriefedAndBothFiled_IsMet()
    {
        var b = Units.Group().Sessions(2, s => s with { Briefing = s.SessionId == "S1" })
            .Document("P1", DocumentKind.Plan, "2024-01-05", filed: "2024-01-10")
            .Document("Z1", DocumentKind.Summary, "2025-01-05")
            .Document("Z2", DocumentKind.Summary, "2025-01-20", filed: "2025-01-25");

        var o = RuleFixture.Item<BriefingsRule>(b);
        o.Score.Should().Be(2);
        o.Evidence.Should().Equal("S1", "S2", "P1", "Z2");
    }

    [Fact]
    public void Score_TooFewBriefingsAndOnlyPlanFiled_IsHalf()
    {
        var b = Units.Group().Sessions(3, s => s with { Briefing = s.SessionId == "S1" })
            .Document("P1", DocumentKind.Plan, "2024-01-05", filed: "2024-01-10");

        RuleFixture.Item<BriefingsRule>(b).Score.Should().Be(0.5m);
    }

    [Fact]
    public void Score_Nothing_IsNoEvidence() =>
        RuleFixture.Item<BriefingsRule>(Units.Group()).Status().Should().Be(ItemStatus.NoEvidence);
}
