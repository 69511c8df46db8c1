using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.DY;

[Name(Id), Description("审定学习计划 Approves the plan"), Tag("DY")]
internal sealed class ApprovesPlanRule : Rule
{
    public const string Id = "DY-01";

    public override void Define()
    {
        UnitFacts unit = null!;

        When()
            .Match(() => unit);

        Then()
            .Do(_ => unit.Outcomes.Add(ApprovesPlan.Score(unit, unit.Rubric.Item(Id)!)));
    }
}

/// <summary>DY-01: no plan → 0; approved_by = sec → SecretaryPoints; blank → BlankPoints; anyone else → 0.</summary>
internal static class ApprovesPlan
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item)
    {
        if (unit.Plan is not { } plan)
        {
            return Outcomes.Score(item, 0, "无年度学习计划", "no study plan", []);
        }

        var by = plan.ApprovedBy;
        if (by is null)
        {
            return Outcomes.Score(item, item.Parameters.Number("BlankPoints"), $"计划 {plan.DocId} 审定人未填写", $"plan {plan.DocId}: approver blank", [plan.DocId]);
        }

        var sec = unit.Secretary?.MemberId;
        return by == sec
            ? Outcomes.Score(item, item.Parameters.Number("SecretaryPoints"), $"计划 {plan.DocId} 由书记 {by} 审定", $"plan {plan.DocId} approved by the secretary {by}", [plan.DocId])
            : Outcomes.Score(item, 0, $"计划 {plan.DocId} 由 {by} 审定，非书记", $"plan {plan.DocId} approved by {by}, not the secretary", [plan.DocId]);
    }
}
