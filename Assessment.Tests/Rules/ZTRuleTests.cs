using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.ZT;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Rules;

public sealed class AgendaRuleTests
{
    [Theory]
    [InlineData(null, 0, ItemStatus.NoEvidence)]
    [InlineData(0, 0, ItemStatus.NotMet)]
    [InlineData(1, 3, ItemStatus.Met)]
    [InlineData(5, 3, ItemStatus.Met)]
    public void Score_AgendaMeetings_Bands(int? meetings, int score, ItemStatus status)
    {
        var o = RuleFixture.Item<AgendaRule>(Units.Group().With(u => u with { AgendaMeetings = meetings }));

        o.Score.Should().Be(score);
        o.Status().Should().Be(status);
    }
}

public sealed class ResponsibilitySystemsRuleTests
{
    [Theory]
    [InlineData(null, null, 0, ItemStatus.NoEvidence)]
    [InlineData(false, false, 0, ItemStatus.NotMet)]
    [InlineData(true, null, 1, ItemStatus.Partial)]
    [InlineData(false, true, 1, ItemStatus.Partial)]
    [InlineData(true, true, 2, ItemStatus.Met)]
    public void Score_OnePointPerSystem(bool? partyBuilding, bool? ideology, int score, ItemStatus status)
    {
        var o = RuleFixture.Item<ResponsibilitySystemsRule>(Units.Group().With(u => u with { InPartyBuildingResp = partyBuilding, InIdeologyResp = ideology }));

        o.Score.Should().Be(score);
        o.Status().Should().Be(status);
    }
}

public sealed class AnnualPlanRuleTests
{
    [Fact]
    public void Score_NoPlan_IsNoEvidence()
    {
        var o = RuleFixture.Item<AnnualPlanRule>(Units.Group());

        o.Score.Should().Be(0);
        o.Status().Should().Be(ItemStatus.NoEvidence);
    }

    [Theory]
    [InlineData("2024-01-31", true, true, 3)]
    [InlineData("2024-02-01", true, true, 2.5)]
    [InlineData("2023-11-01", false, false, 2)]
    [InlineData(null, true, true, 2.5)]
    [InlineData("2024-01-10", null, true, 2.5)]
    public void Score_PlanHalfPoints(string? date, bool? topics, bool? schedule, decimal score)
    {
        var o = RuleFixture.Item<AnnualPlanRule>(Units.Group().Document("P1", DocumentKind.Plan, date, topics: topics, schedule: schedule));

        o.Score.Should().Be(score);
        o.Evidence.Should().Equal("P1");
    }

    [Fact]
    public void Score_PlanOutsideWindow_IsIgnored()
    {
        var o = RuleFixture.Item<AnnualPlanRule>(Units.Group().Document("P1", DocumentKind.Plan, "2023-10-31", topics: true));

        o.Score.Should().Be(0);
        o.Evidence.Should().BeEmpty();
    }

    [Fact]
    public void Score_SeveralPlans_TakesTheEarliestInWindowOverBlankDated()
    {
        var o = RuleFixture.Item<AnnualPlanRule>(Units.Group()
            .Document("P0", DocumentKind.Plan, null, topics: true, schedule: true)
            .Document("P1", DocumentKind.Plan, "2024-03-01")
            .Document("P2", DocumentKind.Plan, "2024-01-05", topics: true));

        o.Evidence.Should().Equal("P2");
        o.Score.Should().Be(2.5m);
    }

    [Fact]
    public void Score_Grassroots_DeadlineIsEndOfFebruary()
    {
        var unit = Units.Group().Document("P1", DocumentKind.Plan, "2024-02-28");

        RuleFixture.Item<AnnualPlanRule>(unit, Units.Grassroots).Score.Should().Be(2);
        RuleFixture.Item<AnnualPlanRule>(unit).Score.Should().Be(1.5m);
    }
}

public sealed class GuidesSubordinatesRuleTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public void Score_NoSubordinateGroups_IsNotApplicable(bool? has)
    {
        var o = RuleFixture.Item<GuidesSubordinatesRule>(Units.Group().With(u => u with { HasSubordinateGroups = has }));

        o.Status().Should().Be(ItemStatus.NotApplicable);
        o.Score.Should().Be(2);
    }

    [Fact]
    public void Score_CountsSitInsAndInspectionsInTheYearIncludingBlankDates()
    {
        var b = Units.Group().With(u => u with { HasSubordinateGroups = true });

        RuleFixture.Item<GuidesSubordinatesRule>(b).Status().Should().Be(ItemStatus.NoEvidence);
        b.Event("E1", EventKind.SitIn, "2023-12-31").Event("E2", EventKind.Award, "2024-05-01").Event("E3", EventKind.Inspection, null);
        var one = RuleFixture.Item<GuidesSubordinatesRule>(b);
        one.Score.Should().Be(1);
        one.Evidence.Should().Equal("E3");
        b.Event("E4", EventKind.SitIn, "2024-12-31");
        RuleFixture.Item<GuidesSubordinatesRule>(b).Score.Should().Be(2);
    }
}
