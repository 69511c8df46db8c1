using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZT;

[Name(Id), Description("纳入党建和意识形态工作责任制 In the Party-building and ideology responsibility systems"), Tag("ZT")]
internal sealed class ResponsibilitySystemsRule : Rule
{
    public const string Id = "ZT-02";

    public override void Define()
    {
        UnitFacts unit = null!;

        When()
            .Match(() => unit);

        Then()
            .Do(_ => unit.Outcomes.Add(ResponsibilitySystems.Score(unit, unit.Rubric.Item(Id)!)));
    }
}

/// <summary>ZT-02: PointsEach for in_party_building_resp and for in_ideology_resp; blank flags are no evidence.</summary>
internal static class ResponsibilitySystems
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item)
    {
        var each = item.Parameters.Number("PointsEach");
        bool? a = unit.Unit.InPartyBuildingResp, b = unit.Unit.InIdeologyResp;
        var evidence = new List<string>();
        if (a is not null)
        {
            evidence.Add("in_party_building_resp");
        }

        if (b is not null)
        {
            evidence.Add("in_ideology_resp");
        }

        var points = (a == true ? each : 0) + (b == true ? each : 0);
        return Outcomes.Score(item, points,
            $"党建工作责任制：{Zh(a)}；意识形态工作责任制：{Zh(b)}",
            $"party-building responsibility: {En(a)}; ideology responsibility: {En(b)}", evidence);
    }

    private static string Zh(bool? v) => v switch { true => "已纳入", false => "未纳入", _ => "未填写" };

    private static string En(bool? v) => v switch { true => "yes", false => "no", _ => "blank" };
}
