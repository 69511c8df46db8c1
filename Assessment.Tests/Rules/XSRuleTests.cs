using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.XS;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Rules;

public sealed class SessionCountRuleTests
{
    [Theory]
    [InlineData(12, 8)]
    [InlineData(13, 8)]
    [InlineData(10, 6)]
    [InlineData(4, 0)]  // 8 − 8 short
    [InlineData(1, 0)]  // clamped
    public void Score_ShortfallInEveryQuarter(int sessions, int score)
    {
        var b = Units.Group();
        for (var i = 0; i < sessions; i++)
        {
            b.Session($"S{i}", $"2024-{i % 4 * 3 + 1:00}-{i / 4 + 1:00}");
        }

        RuleFixture.Item<SessionCountRule>(b).Score.Should().Be(score);
    }

    [Fact]
    public void Score_EmptyQuarters_DeductTwoEach()
    {
        var b = Units.Group();
        for (var i = 0; i < 12; i++)
        {
            b.Session($"S{i}", $"2024-{i % 6 + 1:00}-{i / 6 + 1:00}"); // January to June only
        }

        RuleFixture.Item<SessionCountRule>(b).Score.Should().Be(4);
    }

    [Fact]
    public void Score_Grassroots_NeedsSix()
    {
        var b = Units.Group();
        for (var i = 0; i < 6; i++)
        {
            b.Session($"S{i}", $"2024-{i * 2 + 1:00}-05");
        }

        RuleFixture.Item<SessionCountRule>(b, Units.Grassroots).Score.Should().Be(8);
        RuleFixture.Item<SessionCountRule>(b).Score.Should().Be(2);
    }

    [Fact]
    public void Score_NoSessions_IsNoEvidence() =>
        RuleFixture.Item<SessionCountRule>(Units.Group()).Status().Should().Be(ItemStatus.NoEvidence);
}

public sealed class SessionLengthRuleTests
{
    [Fact]
    public void Score_BlankOrShortSessionsDeductHalfEach()
    {
        int?[] minutes = [120, 119, null, 240];
        var b = Units.Group();
        for (var i = 0; i < minutes.Length; i++)
        {
            var m = minutes[i];
            b.Session($"S{i}", $"2024-0{i + 1}-05", s => s with { DurationMinutes = m });
        }

        RuleFixture.Item<SessionLengthRule>(b).Score.Should().Be(1);
    }

    [Fact]
    public void Score_ManyShortSessions_ClampsAtZero() =>
        RuleFixture.Item<SessionLengthRule>(Units.Group().Sessions(6)).Should().Match<ItemOutcome>(o => o.Score == 0 && o.Evidence.Count == 6);
}

public sealed class DiscussionRuleTests
{
    [Fact]
    public void Score_SeventyPercentOfSessionsWithTwoSpeeches_EarnsTheFirstPart()
    {
        var b = Units.Group(4).Sessions(10);
        for (var i = 1; i <= 7; i++)
        {
            b.Speech($"S{i}", "M1", SpeechKind.Keynote).Speech($"S{i}", "M2");
        }

        // 7/10 = 70% → 1.5; speakers M1, M2 of 4 → 0.75
        RuleFixture.Item<DiscussionRule>(b).Score.Should().Be(2.25m);
    }

    [Fact]
    public void Score_LeadReadingAndStaffSpeechesDoNotMakeADiscussion()
    {
        var b = Units.Group(2).Member("X1", MemberRole.StudySecretary).Session("S1", "2024-03-01")
            .Speech("S1", "M1", SpeechKind.LeadReading).Speech("S1", "X1");

        // no session with two discussion speeches by members; 1 of 2 members spoke → 0.75
        RuleFixture.Item<DiscussionRule>(b).Score.Should().Be(0.75m);
    }

    [Fact]
    public void Score_IdenticalRowsCountTwice()
    {
        var b = Units.Group(2).Session("S1", "2024-03-01").Speech("S1", "M2").Speech("S1", "M2");

        var item = RuleFixture.Item<DiscussionRule>(b);
        item.Score.Should().Be(2.25m);
        item.Explanation.Zh.Should().StartWith("≥ 2 条研讨发言的学习 1/1 次", "two speeches by one member: the count is of speeches, not of people");
    }

    [Fact]
    public void Score_NoMembers_IsNoEvidence() =>
        RuleFixture.Item<DiscussionRule>(new UnitBuilder().Session("S1", "2024-03-01")).Status().Should().Be(ItemStatus.NoEvidence);
}

public sealed class SelfStudyRuleTests
{
    [Fact]
    public void Score_RoundsHalfAwayFromZeroOnce()
    {
        var b = new UnitBuilder().Member("M1", MemberRole.Secretary, plan: true, notes: true).Member("M2", plan: true)
            .Member("M3").Member("M4").Member("X", MemberRole.StudySecretary, plan: true, notes: true);

        // (1.5 × 2 + 1.5 × 1) / 4 = 1.125 → 1.13
        RuleFixture.Item<SelfStudyRule>(b).Score.Should().Be(1.13m);
    }

    [Fact]
    public void Score_NoMembers_IsNoEvidence() =>
        RuleFixture.Item<SelfStudyRule>(new UnitBuilder()).Status().Should().Be(ItemStatus.NoEvidence);
}

public sealed class LecturesRuleTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void Score_Lectures(int lectures, int score)
    {
        var b = Units.Group().Sessions(3, s => int.Parse(s.SessionId[1..], System.Globalization.CultureInfo.InvariantCulture) <= lectures ? s with { Form = SessionForm.Lecture } : s);

        RuleFixture.Item<LecturesRule>(b).Score.Should().Be(score);
    }

    [Fact]
    public void Score_Grassroots_OneIsEnough() =>
        RuleFixture.Item<LecturesRule>(Units.Group().Session("S1", "2024-03-01", s => s with { Form = SessionForm.Lecture }), Units.Grassroots).Score.Should().Be(2);
}

public sealed class FieldStudyRuleTests
{
    [Fact]
    public void Score_OneFieldStudy_IsMet()
    {
        var b = Units.Group().Session("S1", "2024-03-01");
        RuleFixture.Item<FieldStudyRule>(b).Status().Should().Be(ItemStatus.NotMet);

        b.Session("S2", "2024-04-01", s => s with { Form = SessionForm.Field });
        RuleFixture.Item<FieldStudyRule>(b).Score.Should().Be(2);
    }
}

public sealed class OnlinePlatformRuleTests
{
    [Theory]
    [InlineData(null, 0, ItemStatus.NoEvidence)]
    [InlineData("0.5", 2, ItemStatus.Met)]
    [InlineData("0.49", 1, ItemStatus.Partial)]
    [InlineData("0.3", 1, ItemStatus.Partial)]
    [InlineData("0.29", 0, ItemStatus.NotMet)]
    public void Score_Rate(string? rate, int score, ItemStatus status)
    {
        var r = rate is null ? (decimal?)null : decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture);
        var o = RuleFixture.Item<OnlinePlatformRule>(Units.Group().With(u => u with { PlatformActiveRate = r }));

        o.Score.Should().Be(score);
        o.Status().Should().Be(status);
    }
}
