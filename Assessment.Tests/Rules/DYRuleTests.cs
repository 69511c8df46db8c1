using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.DY;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Rules;

public sealed class ApprovesPlanRuleTests
{
    [Theory]
    [InlineData("M1", 2, ItemStatus.Met)]
    [InlineData(null, 1, ItemStatus.Partial)]
    [InlineData("M2", 0, ItemStatus.NotMet)]
    public void Score_ByApprover(string? approver, int score, ItemStatus status)
    {
        var o = RuleFixture.Item<ApprovesPlanRule>(Units.Group().Document("P1", DocumentKind.Plan, "2024-01-05", approvedBy: approver));

        o.Score.Should().Be(score);
        o.Status().Should().Be(status);
    }

    [Fact]
    public void Score_NoPlan_IsNoEvidence() =>
        RuleFixture.Item<ApprovesPlanRule>(Units.Group()).Status().Should().Be(ItemStatus.NoEvidence);

    [Fact]
    public void Score_NoSecretaryAndSomeApprover_IsZero()
    {
        var b = new UnitBuilder().Member("M1").Document("P1", DocumentKind.Plan, "2024-01-05", approvedBy: "M1");

        RuleFixture.Item<ApprovesPlanRule>(b).Score.Should().Be(0);
    }
}

public sealed class ChairsSessionsRuleTests
{
    [Theory]
    [InlineData(5, 4)]
    [InlineData(4, 4)] // exactly 80%
    [InlineData(3, 3)] // exactly 60%
    [InlineData(2, 2)] // exactly 40%
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void Score_SharesOfFive(int hostedBySecretary, int score)
    {
        var b = Units.Group();
        for (var i = 1; i <= 5; i++)
        {
            var host = i <= hostedBySecretary ? "M1" : "M2";
            b.Session($"S{i}", $"2024-{i:00}-10", s => s with { HostId = host });
        }

        var o = RuleFixture.Item<ChairsSessionsRule>(b);
        o.Score.Should().Be(score);
        o.Evidence.Should().HaveCount(5);
    }

    [Fact]
    public void Score_ActingReason_CountsWithOrWithoutHost()
    {
        var b = Units.Group()
            .Session("S1", "2024-01-10", s => s with { ActingReason = "书记出差" })
            .Session("S2", "2024-02-10", s => s with { HostId = "M2", ActingReason = "书记参加全会" });

        RuleFixture.Item<ChairsSessionsRule>(b).Score.Should().Be(4);
    }

    [Fact]
    public void Score_NoSessions_IsNoEvidence() =>
        RuleFixture.Item<ChairsSessionsRule>(Units.Group()).Status().Should().Be(ItemStatus.NoEvidence);

    [Fact]
    public void Score_SessionOutsideYear_IsNotCounted()
    {
        var b = Units.Group().Session("S1", "2023-12-10", s => s with { HostId = "M2" }).Session("S2", "2024-02-10", s => s with { HostId = "M1" });

        var o = RuleFixture.Item<ChairsSessionsRule>(b);
        o.Score.Should().Be(4);
        o.Evidence.Should().Equal("S2");
    }
}

public sealed class ClosingRemarksRuleTests
{
    [Theory]
    [InlineData(8, 2)] // exactly 80%
    [InlineData(7, 1)]
    [InlineData(5, 1)] // exactly 50%
    [InlineData(4, 0)]
    public void Score_SharesOfTen(int withRemarks, int score)
    {
        var o = RuleFixture.Item<ClosingRemarksRule>(Units.Group().Sessions(10, s => s with { SecretaryRemarks = int.Parse(s.SessionId[1..], System.Globalization.CultureInfo.InvariantCulture) <= withRemarks }));

        o.Score.Should().Be(score);
    }
}

public sealed class LeadsByExampleRuleTests
{
    [Fact]
    public void Score_NoSecretary_IsNoEvidence() =>
        RuleFixture.Item<LeadsByExampleRule>(new UnitBuilder().Member("M1")).Status().Should().Be(ItemStatus.NoEvidence);

    [Fact]
    public void Score_SecretaryWithNeither_IsNotMet() =>
        RuleFixture.Item<LeadsByExampleRule>(Units.Group()).Status().Should().Be(ItemStatus.NotMet);

    [Fact]
    public void Score_LectureInYearAndSpeechAtSessionOfYear_BothCount()
    {
        var b = Units.Group().Session("S0", "2023-12-01").Session("S1", "2024-03-01")
            .Speech("S0", "M1").Output("O1", OutputKind.PartyLecture, "M1", "2023-06-01");
        RuleFixture.Item<LeadsByExampleRule>(b).Score.Should().Be(0);

        b.Speech("S1", "M1", SpeechKind.LeadReading);
        RuleFixture.Item<LeadsByExampleRule>(b).Score.Should().Be(1);

        b.Output("O2", OutputKind.PartyLecture, "M1", null);
        var o = RuleFixture.Item<LeadsByExampleRule>(b);
        o.Score.Should().Be(2);
        o.Evidence.Should().Equal("M1");
    }
}
