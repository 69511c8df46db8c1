using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.JF;

[Name(Id), Description("成果公开发表 Published at city level or above"), Tag("JF")]
internal sealed class PublishedRule : Rule
{
    public const string Id = "JF-01";

    public override void Define()
    {
        UnitFacts unit = null!;
        RubricBonus bonus = null!;
        IEnumerable<OutputRow> outputs = null!;

        When()
            .Match(() => unit)
            .Match(() => bonus, x => x.Id == Id)
            .Query(() => outputs, q => q
                .Match<OutputRow>(o => o.PublishedLevel >= PublishedLevel.City, o => unit.Year.InYearOrBlank(o.Date))
                .Collect());

        Then()
            .Do(ctx => ctx.Insert(Bonuses.PerOutput(bonus, outputs, "市级及以上发表", "published at city level or above")));
    }
}

[Name(Id), Description("成果获批示采纳 Adopted or endorsed"), Tag("JF")]
internal sealed class AdoptedRule : Rule
{
    public const string Id = "JF-02";

    public override void Define()
    {
        UnitFacts unit = null!;
        RubricBonus bonus = null!;
        IEnumerable<OutputRow> outputs = null!;

        When()
            .Match(() => unit)
            .Match(() => bonus, x => x.Id == Id)
            .Query(() => outputs, q => q
                .Match<OutputRow>(o => o.Adopted == true, o => unit.Year.InYearOrBlank(o.Date))
                .Collect());

        Then()
            .Do(ctx => ctx.Insert(Bonuses.PerOutput(bonus, outputs, "获批示采纳", "adopted or endorsed")));
    }
}

[Name(Id), Description("获评先进、经验推广 Honoured or practice promoted"), Tag("JF")]
internal sealed class HonouredRule : Rule
{
    public const string Id = "JF-03";

    public override void Define()
    {
        UnitFacts unit = null!;
        RubricBonus bonus = null!;
        IEnumerable<EventRow> events = null!;

        When()
            .Match(() => unit)
            .Match(() => bonus, x => x.Id == Id)
            .Query(() => events, q => q
                .Match<EventRow>(e => e.Kind == EventKind.Award || e.Kind == EventKind.Promoted, e => unit.Year.InYearOrBlank(e.Date))
                .Collect());

        Then()
            .Do(ctx => ctx.Insert(Bonuses.Honoured(bonus, events)));
    }
}

/// <summary>The bonus conclusions: PointsEach per qualifying output up to MaxPoints (JF-01, JF-02); Points for an award (JF-03).</summary>
internal static class Bonuses
{
    public static BonusOutcome PerOutput(RubricBonus bonus, IEnumerable<OutputRow> outputs, string zh, string en)
    {
        var ids = outputs.OrderBy(x => x.Source.Line).Select(x => x.OutputId).ToArray();
        var points = Math.Min(bonus.Parameters.Number("MaxPoints"), bonus.Parameters.Number("PointsEach") * ids.Length);
        return new BonusOutcome(bonus.Id, points,
            new Explanation($"{zh} {Outcomes.F(ids.Length)} 项 → +{Outcomes.F(points)}", $"{Outcomes.F(ids.Length)} output(s) {en} → +{Outcomes.F(points)}"), ids);
    }

    public static BonusOutcome Honoured(RubricBonus bonus, IEnumerable<EventRow> events)
    {
        var ids = events.OrderBy(x => x.Source.Line).Select(x => x.EventId).ToArray();
        var points = ids.Length > 0 ? bonus.Parameters.Number("Points") : 0;
        return new BonusOutcome(bonus.Id, points,
            new Explanation($"获评先进、经验推广 {Outcomes.F(ids.Length)} 次 → +{Outcomes.F(points)}", $"{Outcomes.F(ids.Length)} award(s) or promoted practice(s) → +{Outcomes.F(points)}"), ids);
    }
}
