using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Core;

public sealed class ScorecardBuilderTests
{
    private static readonly Rubric R = RubricCatalog.Standard;
    private static readonly DateOnly AsOf = new(2025, 1, 15);
    private static readonly UnitRow Unit = new UnitBuilder().Unit;

    private static IEnumerable<ItemOutcome> AllAt(Func<RubricItem, decimal> score, bool evidence = true) =>
        R.Items.Select(i => new ItemOutcome(i.Id, score(i), false, new Explanation("z", "e"), evidence ? ["S1"] : []));

    private static Scorecard Build(IEnumerable<ItemOutcome> items, IEnumerable<WaiverRow>? waivers = null, bool veto = false, decimal bonus = 0) =>
        ScorecardBuilder.Build(R, Unit, items,
            R.Vetoes.Select(v => new VetoOutcome(v.Id, veto && v.Id == "FJ-02", new Explanation("z", "e"), [])),
            R.Bonus.Select(b => new BonusOutcome(b.Id, b.Id == "JF-01" ? bonus : 0, new Explanation("z", "e"), [])),
            waivers ?? [], AsOf);

    private static WaiverRow Waiver(string item, string? expires = null) =>
        new("U1", item, "理由", "宣传部", expires is null ? null : DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture), new RowSource("waivers.csv", 2));

    [Theory]
    [InlineData(3, 3, false, false, true, ItemStatus.Met)]
    [InlineData(1.5, 3, false, false, true, ItemStatus.Partial)]
    [InlineData(0, 3, false, false, true, ItemStatus.NotMet)]
    [InlineData(0, 3, false, false, false, ItemStatus.NoEvidence)]
    [InlineData(0, 3, true, false, false, ItemStatus.NotApplicable)]
    [InlineData(0, 3, true, true, false, ItemStatus.Waived)]
    [InlineData(3, 3, false, true, true, ItemStatus.Waived)]
    public void DeriveStatus_Precedence(decimal score, decimal max, bool na, bool waived, bool evidence, ItemStatus expected) =>
        ScorecardBuilder.DeriveStatus(score, max, na, waived, evidence).Should().Be(expected);

    [Fact]
    public void Build_FullMarks_IsExcellentWithHundred()
    {
        var card = Build(AllAt(i => i.Max));

        card.Base.Should().Be(100);
        card.Total.Should().Be(100);
        card.Grade.Should().Be(Grade.Excellent);
        card.Items.Select(i => i.Id).Should().Equal(R.Items.Select(i => i.Id));
        card.Categories.Select(c => c.Score).Should().Equal(R.Categories.Select(c => c.Max));
    }

    [Fact]
    public void Build_Waiver_ScoresMaxAndTotalWithoutWaiversDoesNot()
    {
        var card = Build(AllAt(i => i.Id == "XS-06" ? 0 : i.Max), [Waiver("XS-06")]);

        var item = card.Items.Single(i => i.Id == "XS-06");
        item.Status.Should().Be(ItemStatus.Waived);
        item.Score.Should().Be(2);
        card.Base.Should().Be(100);
        card.TotalWithoutWaivers.Should().Be(98);
        card.Waivers.Should().ContainSingle();
    }

    [Fact]
    public void Build_ExpiredWaiver_DoesNotApply()
    {
        var card = Build(AllAt(i => i.Id == "XS-06" ? 0 : i.Max), [Waiver("XS-06", "2025-01-14")]);

        card.Items.Single(i => i.Id == "XS-06").Status.Should().Be(ItemStatus.NotMet);
        card.Base.Should().Be(98);
        card.Waivers.Should().BeEmpty();
        Build(AllAt(i => i.Max), [Waiver("XS-06", "2025-01-15")]).Waivers.Should().ContainSingle("a waiver expiring on the as-of date still applies");
    }

    [Fact]
    public void Build_NotApplicable_CountsMaxInBothTotals()
    {
        var items = AllAt(i => i.Max).Select(o => o.ItemId == "NR-02" ? o with { Score = 3, NotApplicable = true, Evidence = [] } : o);

        var card = Build(items);

        card.Items.Single(i => i.Id == "NR-02").Status.Should().Be(ItemStatus.NotApplicable);
        card.TotalWithoutWaivers.Should().Be(100);
    }

    [Fact]
    public void Build_WeakCategory_KeepsNinetyFromExcellent()
    {
        // ZJ (8 points) at 4 < 60% of 8, everything else full: 96 with a weak category → good
        var card = Build(AllAt(i => i.Category == "ZJ" ? i.Max / 2 : i.Max));

        card.Total.Should().Be(96);
        card.Grade.Should().Be(Grade.Good);
    }

    [Theory]
    [InlineData(89.99, Grade.Good)]
    [InlineData(80, Grade.Good)]
    [InlineData(79.99, Grade.Pass)]
    [InlineData(60, Grade.Pass)]
    [InlineData(59.99, Grade.Fail)]
    public void GradeOf_Bands(decimal total, Grade expected) =>
        ScorecardBuilder.GradeOf(R.Grades, total, [], false).Should().Be(expected);

    [Fact]
    public void Build_Veto_FailsWhateverTheScore()
    {
        var card = Build(AllAt(i => i.Max), veto: true);

        card.Grade.Should().Be(Grade.Fail);
        card.Total.Should().Be(100);
        card.Vetoes.Single().Id.Should().Be("FJ-02");
    }

    [Fact]
    public void Build_BonusIsAddedAndCapped()
    {
        var card = Build(AllAt(i => i.Max), bonus: 7);

        card.Bonus.Should().Be(5);
        card.Total.Should().Be(105);
        card.TotalWithoutWaivers.Should().Be(105);
    }

    [Fact]
    public void Build_TotalsAddTheRoundedItems()
    {
        // Three items at 0.335 exact would be 1.005 summed; each is rounded first (0.34) and totals add rounded items.
        var items = AllAt(i => i.Max).Select(o => o.ItemId is "CX-01" or "CX-02" or "CX-03" ? o with { Score = Numbers.Round(0.335m) } : o);

        var card = Build(items);

        card.Categories.Single(c => c.Id == "CX").Score.Should().Be(0.34m * 3 + 3 + 5);
    }
}
