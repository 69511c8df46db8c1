using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.NR;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Rules;

public sealed class InnovationTheoryRuleTests
{
    [Theory]
    [InlineData(5, 5)] // exactly 50%
    [InlineData(4, 3)]
    [InlineData(3, 3)] // exactly 30%
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void Score_SharesOfTen(int tagged, int score)
    {
        var b = Units.Group().Sessions(10, s => int.Parse(s.SessionId[1..], System.Globalization.CultureInfo.InvariantCulture) <= tagged
            ? s with { Tags = [ContentTag.InnovationTheory] }
            : s);

        var o = RuleFixture.Item<InnovationTheoryRule>(b);
        o.Score.Should().Be(score);
        o.Status().Should().Be(score == 5 ? ItemStatus.Met : score > 0 ? ItemStatus.Partial : ItemStatus.NotMet);
    }
}

public sealed class TimelyStudyRuleTests
{
    [Fact]
    public void Score_NoDirectivesInYear_IsNotApplicable()
    {
        var o = RuleFixture.Item<TimelyStudyRule>(Units.Group().Directive("D0", "2023-12-20"));

        o.Status().Should().Be(ItemStatus.NotApplicable);
        o.Score.Should().Be(3);
    }

    [Fact]
    public void Score_TimelyWithinZeroToThirtyDays()
    {
        var b = Units.Group()
            .Directive("D1", "2024-03-01").Directive("D2", "2024-05-01", everyUnit: true).Directive("D3", "2024-08-01")
            .Session("S1", "2024-03-31", s => s with { DirectiveIds = ["D1"] })          // 30 days: timely
            .Session("S2", "2024-06-01", s => s with { DirectiveIds = ["D2"] })          // 31 days: late
            .Session("S3", "2024-07-31", s => s with { DirectiveIds = ["D3"] });         // before issue

        var o = RuleFixture.Item<TimelyStudyRule>(b);
        o.Score.Should().Be(1);
        o.Evidence.Should().Equal("D1", "D2", "D3");
    }

    [Fact]
    public void Score_DirectivesButNoSessions_IsNotMet() =>
        RuleFixture.Item<TimelyStudyRule>(Units.Group().Directive("D1", "2024-03-01")).Status().Should().Be(ItemStatus.NotMet);
}

public sealed class BreadthRuleTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void Score_AreasCovered(int areas, int score)
    {
        ContentTag[] tags = [ContentTag.Law, ContentTag.PartyHistory];
        var b = Units.Group().Session("S0", "2024-01-05", s => s with { Tags = [ContentTag.InnovationTheory] });
        for (var i = 0; i < areas; i++)
        {
            var tag = tags[i];
            b.Session($"S{i + 1}", $"2024-0{i + 2}-05", s => s with { Tags = [tag] });
        }

        RuleFixture.Item<BreadthRule>(b).Score.Should().Be(score);
    }
}

public sealed class LinkedToPracticeRuleTests
{
    [Fact]
    public void Score_CountsLinkedSessions()
    {
        var b = Units.Group().Session("S1", "2024-01-05");
        RuleFixture.Item<LinkedToPracticeRule>(b).Status().Should().Be(ItemStatus.NotMet);

        b.Session("S2", "2024-02-05", s => s with { LinkedIssue = "审批时限" });
        RuleFixture.Item<LinkedToPracticeRule>(b).Score.Should().Be(1);

        b.Session("S3", "2024-03-05", s => s with { LinkedIssue = "营商环境" });
        RuleFixture.Item<LinkedToPracticeRule>(b).Score.Should().Be(2);
    }
}

public sealed class TopicalStudyRuleTests
{
    [Fact]
    public void Score_DistinctTopicsAndShare()
    {
        string?[] topics = ["全会精神", "全会精神", "党纪", "民法典", null];
        var b = Units.Group();
        for (var i = 0; i < topics.Length; i++)
        {
            var t = topics[i];
            b.Session($"S{i + 1}", $"2024-0{i + 1}-05", s => s with { Topic = t });
        }

        // 3 distinct < 4: 0 + 1 × 4/5
        RuleFixture.Item<TopicalStudyRule>(b).Score.Should().Be(0.8m);
        // grassroots needs 3: 1 + 0.8
        RuleFixture.Item<TopicalStudyRule>(b, Units.Grassroots).Score.Should().Be(1.8m);
    }
}
