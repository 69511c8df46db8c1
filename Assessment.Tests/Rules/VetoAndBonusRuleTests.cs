using Assessment.Core.Model;
using Assessment.Rules.FJ;
using Assessment.Rules.JF;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Rules;

public sealed class TooFewSessionsRuleTests
{
    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Veto_FewerThanFourSessions(int sessions, bool triggered) =>
        RuleFixture.Veto<TooFewSessionsRule>(Units.Group().Sessions(sessions)).Triggered.Should().Be(triggered);

    [Fact]
    public void Veto_Grassroots_FewerThanTwo()
    {
        RuleFixture.Veto<TooFewSessionsRule>(Units.Group().Sessions(2), Units.Grassroots).Triggered.Should().BeFalse();
        RuleFixture.Veto<TooFewSessionsRule>(Units.Group().Sessions(1), Units.Grassroots).Triggered.Should().BeTrue();
    }
}

public sealed class FalsificationRuleTests
{
    [Fact]
    public void Veto_ReviewFinding()
    {
        var b = Units.Group().Review(Finding.PoliticalIncident);
        RuleFixture.Veto<FalsificationRule>(b).Triggered.Should().BeFalse();

        b.Review(Finding.Falsification);
        RuleFixture.Veto<FalsificationRule>(b).Should().Match<Assessment.Core.Scoring.VetoOutcome>(v => v.Triggered && v.Evidence.Count == 1);
    }
}

public sealed class PoliticalIncidentRuleTests
{
    [Fact]
    public void Veto_ReviewFinding()
    {
        RuleFixture.Veto<PoliticalIncidentRule>(Units.Group()).Triggered.Should().BeFalse();
        RuleFixture.Veto<PoliticalIncidentRule>(Units.Group().Review(Finding.PoliticalIncident)).Triggered.Should().BeTrue();
    }
}

public sealed class PublishedRuleTests
{
    [Fact]
    public void Bonus_OnePerCityLevelOutputUpToThree()
    {
        var b = Units.Group().Output("O0", OutputKind.Article, "M1", "2024-05-01", PublishedLevel.County)
            .Output("O1", OutputKind.Article, "M1", "2024-05-01", PublishedLevel.City)
            .Output("O2", OutputKind.ResearchReport, null, null, PublishedLevel.National);
        RuleFixture.Bonus<PublishedRule>(b).Points.Should().Be(2);

        b.Output("O3", OutputKind.Article, "M2", "2024-05-01", PublishedLevel.Province).Output("O4", OutputKind.Article, "M2", "2024-05-01", PublishedLevel.Province);
        RuleFixture.Bonus<PublishedRule>(b).Points.Should().Be(3);
    }
}

public sealed class AdoptedRuleTests
{
    [Fact]
    public void Bonus_OnePerAdoptedOutputUpToTwo()
    {
        var b = Units.Group().Output("O1", OutputKind.Conversion, null, "2023-05-01", adopted: true).Output("O2", OutputKind.Conversion, null, "2024-05-01", adopted: true);
        RuleFixture.Bonus<AdoptedRule>(b).Points.Should().Be(1);

        b.Output("O3", OutputKind.Conversion, null, null, adopted: true).Output("O4", OutputKind.Conversion, null, null, adopted: true);
        RuleFixture.Bonus<AdoptedRule>(b).Points.Should().Be(2);
    }
}

public sealed class HonouredRuleTests
{
    [Fact]
    public void Bonus_AwardOrPromotedInYear()
    {
        var b = Units.Group().Event("E1", EventKind.Award, "2023-11-01");
        RuleFixture.Bonus<HonouredRule>(b).Points.Should().Be(0);

        b.Event("E2", EventKind.Promoted, "2024-11-01");
        RuleFixture.Bonus<HonouredRule>(b).Points.Should().Be(2);
    }
}
