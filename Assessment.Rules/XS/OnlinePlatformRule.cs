using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.XS;

[Name(Id), Description("网络学习平台 Online study platform"), Tag("XS")]
internal sealed class OnlinePlatformRule : Rule
{
    public const string Id = "XS-07";

    public override void Define()
    {
        UnitFacts unit = null!;

        When()
            .Match(() => unit);

        Then()
            .Do(_ => unit.Outcomes.Add(OnlinePlatform.Score(unit, unit.Rubric.Item(Id)!)));
    }
}

/// <summary>XS-07: platform_active_rate ≥ PlatformTarget → max; ≥ PlatformFloor → FloorPoints; else 0; blank → 0 with no evidence.</summary>
internal static class OnlinePlatform
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item)
    {
        if (unit.Unit.PlatformActiveRate is not { } r)
        {
            return Outcomes.Score(item, 0, "学习平台活跃率未填写", "platform_active_rate is blank", []);
        }

        var p = item.Parameters;
        var points = r >= p.Number("PlatformTarget") ? item.Max : r >= p.Number("PlatformFloor") ? p.Number("FloorPoints") : 0;
        return Outcomes.Score(item, points,
            $"学习平台活跃率 {Outcomes.Pct(r)}（目标 {Outcomes.Pct(p.Number("PlatformTarget"))}，底线 {Outcomes.Pct(p.Number("PlatformFloor"))}）",
            $"platform activity {Outcomes.Pct(r)} (target {Outcomes.Pct(p.Number("PlatformTarget"))}, floor {Outcomes.Pct(p.Number("PlatformFloor"))})",
            ["platform_active_rate"]);
    }
}
