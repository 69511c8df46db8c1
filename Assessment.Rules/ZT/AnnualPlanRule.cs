using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZT;

[Name(Id), Description("制定年度学习计划 Annual study plan"), Tag("ZT")]
internal sealed class AnnualPlanRule : Rule
{
    public const string Id = "ZT-03";

    public override void Define()
    {
        UnitFacts unit = null!;

        When()
            .Match(() => unit);

        Then()
            .Do(_ => unit.Outcomes.Add(AnnualPlan.Score(unit, unit.Rubric.Item(Id)!)));
    }
}

/// <summary>ZT-03: no plan → 0; else BasePoints, + DeadlinePoints if dated ≤ Y-PlanDeadline, + TopicsPoints, + SchedulePoints.</summary>
internal static class AnnualPlan
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item)
    {
        var p = item.Parameters;
        var (month, day) = p.MonthDay("PlanDeadline");
        var deadline = new DateOnly(unit.Year.Year, month, day);
        if (unit.Plan is not { } plan)
        {
            return Outcomes.Score(item, 0, "无年度学习计划", "no study plan", []);
        }

        var onTime = plan.Date is { } d && d <= deadline;
        var points = p.Number("BasePoints")
            + (onTime ? p.Number("DeadlinePoints") : 0)
            + (plan.HasTopics == true ? p.Number("TopicsPoints") : 0)
            + (plan.HasSchedule == true ? p.Number("SchedulePoints") : 0);
        var date = plan.Date is { } x ? Core.Import.ValueParser.Format(x) : "日期空白";
        var dateEn = plan.Date is { } y ? Core.Import.ValueParser.Format(y) : "blank date";
        var dl = Core.Import.ValueParser.Format(deadline);
        return Outcomes.Score(item, points,
            $"计划 {plan.DocId}（{date}，{(onTime ? "按期" : "未按期")}于 {dl}；专题{(plan.HasTopics == true ? "已" : "未")}列明；时间安排{(plan.HasSchedule == true ? "已" : "未")}列明）",
            $"plan {plan.DocId} ({dateEn}, {(onTime ? "on time" : "not on time")} for {dl}; topics {(plan.HasTopics == true ? "listed" : "not listed")}; schedule {(plan.HasSchedule == true ? "listed" : "not listed")})",
            [plan.DocId]);
    }
}
