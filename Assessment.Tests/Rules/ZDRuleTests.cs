using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.ZD;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Rules;

public sealed class SignInAndLeaveRuleTests
{
    [Fact]
    public void Score_NoLeave_EarnsTheLeavePart()
    {
        var b = Units.Group(2).Sessions(2, s => s with { SignIn = s.SessionId == "S1" }).AllPresent();

        RuleFixture.Item<SignInAndLeaveRule>(b).Score.Should().Be(2.25m);
    }

    [Fact]
    public void Score_OneDenominator()
    {
        // signed 2 of 3, approved 1 of 3 leaves: 1.5 × (2 × 3 + 1 × 3) / (3 × 3) = 1.5
        var b = Units.Group(3).Sessions(3, s => s with { SignIn = s.SessionId != "S3" })
            .Attend("S1", "M2", AttendanceStatus.Leave, approved: true)
            .Attend("S2", "M2", AttendanceStatus.Leave, approved: false)
            .Attend("S3", "M3", AttendanceStatus.Leave);

        RuleFixture.Item<SignInAndLeaveRule>(b).Score.Should().Be(1.5m);
    }

    [Fact]
    public void Score_NoSessions_IsNoEvidence() =>
        RuleFixture.Item<SignInAndLeaveRule>(Units.Group()).Status().Should().Be(ItemStatus.NoEvidence);
}

public sealed class AttendanceRateRuleTests
{
    private static UnitBuilder WithPresent(int present)
    {
        // 10 members × 10 sessions = 100 pairs; the first `present` pairs present, the rest absent (rows missing).
        var b = Units.Group(10).Sessions(10);
        var k = 0;
        for (var s = 1; s <= 10; s++)
        {
            for (var m = 1; m <= 10; m++)
            {
                if (k++ < present)
                {
                    b.Attend($"S{s}", $"M{m}");
                }
            }
        }

        return b;
    }

    [Theory]
    [InlineData(100, 4)]
    [InlineData(90, 4)]   // exactly the target
    [InlineData(89, 3.8)] // 0.2 per percentage point
    [InlineData(85, 3)]
    [InlineData(80, 2)]   // exactly the floor
    [InlineData(79, 0)]
    public void Score_Rate(int present, decimal score) =>
        RuleFixture.Item<AttendanceRateRule>(WithPresent(present)).Score.Should().Be(score);

    [Fact]
    public void Score_OddRate_IsComputedExactlyThenRoundedOnce()
    {
        // 3 members × 3 sessions, 8 present: 4 − 20 × (0.9 × 9 − 8) / 9 = 3.777… → 3.78
        var b = Units.Group(3).Sessions(3).AllPresent();
        var o = RuleFixture.Item<AttendanceRateRule>(new UnitBuilder().Member("M1", MemberRole.Secretary).Member("M2").Member("M3").Sessions(3)
            .Attend("S1", "M1").Attend("S1", "M2").Attend("S1", "M3").Attend("S2", "M1").Attend("S2", "M2").Attend("S2", "M3")
            .Attend("S3", "M1").Attend("S3", "M2").Attend("S3", "M3", AttendanceStatus.Leave));

        o.Score.Should().Be(3.78m);
        RuleFixture.Item<AttendanceRateRule>(b).Score.Should().Be(4);
    }

    [Fact]
    public void Score_NoMembers_IsNoEvidence() =>
        RuleFixture.Item<AttendanceRateRule>(new UnitBuilder().Sessions(2)).Status().Should().Be(ItemStatus.NoEvidence);
}

public sealed class MakeUpStudyRuleTests
{
    [Fact]
    public void Score_NoAbsences_IsMet() =>
        RuleFixture.Item<MakeUpStudyRule>(Units.Group(2).Sessions(2).AllPresent()).Status().Should().Be(ItemStatus.Met);

    [Fact]
    public void Score_MissingRowsCountAsAbsences()
    {
        // 2 × 2 pairs: one leave made up, one absent not, two rows missing → 1 of 4
        var b = Units.Group(2).Sessions(2)
            .Attend("S1", "M1", AttendanceStatus.Leave, makeup: "2024-01-20")
            .Attend("S1", "M2", AttendanceStatus.Absent);

        RuleFixture.Item<MakeUpStudyRule>(b).Score.Should().Be(0.5m);
    }
}

public sealed class CompleteRecordsRuleTests
{
    [Fact]
    public void Score_EveryPartNeeded()
    {
        Func<SessionRow, SessionRow> full = s => s with { HasRecord = true, Topic = "全会精神", HostId = "M1", DurationMinutes = 120 };
        var b = Units.Group(2)
            .Session("S1", "2024-01-05", full)
            .Session("S2", "2024-02-05", s => full(s) with { Topic = null })
            .Session("S3", "2024-03-05", s => full(s) with { HasRecord = false })
            .Session("S4", "2024-04-05", full)
            .Attend("S1", "M1", AttendanceStatus.Absent).Attend("S2", "M1").Attend("S3", "M1");

        // S1 complete (an absent row is still a row); S4 has no attendance row
        RuleFixture.Item<CompleteRecordsRule>(b).Score.Should().Be(0.75m);
    }
}

public sealed class RulesAndArchiveRuleTests
{
    [Theory]
    [InlineData("2025-03-31", true)]
    [InlineData("2019-05-01", true)]
    [InlineData(null, true)]
    [InlineData("2025-04-01", false)]
    public void Score_RulesDatedOnOrBeforeTheWindowEnd(string? date, bool counts) =>
        RuleFixture.Item<RulesAndArchiveRule>(Units.Group().Document("R1", DocumentKind.Rules, date)).Score.Should().Be(counts ? 1 : 0);

    [Fact]
    public void Score_ArchiveInWindow()
    {
        var b = Units.Group().Document("A0", DocumentKind.Archive, "2025-04-01");
        RuleFixture.Item<RulesAndArchiveRule>(b).Status().Should().Be(ItemStatus.NoEvidence);

        b.Document("A1", DocumentKind.Archive, "2025-03-31");
        RuleFixture.Item<RulesAndArchiveRule>(b).Score.Should().Be(1);
    }
}

public sealed class BulletinsAndReviewRuleTests
{
    [Fact]
    public void Score_BulletinsAndReview()
    {
        var b = Units.Group().Document("B1", DocumentKind.Bulletin, "2024-04-01");
        RuleFixture.Item<BulletinsAndReviewRule>(b).Status().Should().Be(ItemStatus.NotMet);
        RuleFixture.Item<BulletinsAndReviewRule>(b, Units.Grassroots).Score.Should().Be(1);

        b.Document("B2", DocumentKind.Bulletin, null).Document("R1", DocumentKind.MemberReview, "2024-12-20");
        RuleFixture.Item<BulletinsAndReviewRule>(b).Score.Should().Be(2);
    }
}
