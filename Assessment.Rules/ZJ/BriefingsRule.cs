using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZJ;

[Name(Id), Description("简报与报送 Briefings and filing upward"), Tag("ZJ")]
internal sealed class BriefingsRule : Rule
{
    public const string Id = "ZJ-04";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(Briefings.Score(unit, unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>ZJ-04: + BriefingPoints if briefings / n ≥ BriefingShare; + PlanFiledPoints and SummaryFiledPoints for a filed plan and summary.</summary>
internal static class Briefings
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item, SessionFacts s)
    {
        var p = item.Parameters;
        var k = s.Count(x => x.Row.Briefing == true);
        var enough = s.Count > 0 && k >= p.Number("BriefingShare") * s.Count;
        var planFiled = unit.Plan?.FiledDate is not null;
        var summaryFiled = unit.Summary?.FiledDate is not null;
        var points = (enough ? p.Number("BriefingPoints") : 0)
            + (planFiled ? p.Number("PlanFiledPoints") : 0)
            + (summaryFiled ? p.Number("SummaryFiledPoints") : 0);
        var evidence = s.Ids.ToList();
        if (unit.Plan is not null)
        {
            evidence.Add(unit.Plan.DocId);
        }

        if (unit.Summary is not null)
        {
            evidence.Add(unit.Summary.DocId);
        }

        return Outcomes.Score(item, points,
            $"编发简报 {Outcomes.F(k)}/{Outcomes.F(s.Count)} 次；计划{(planFiled ? "已" : "未")}报送；总结{(summaryFiled ? "已" : "未")}报送",
            $"briefings after {Outcomes.F(k)} of {Outcomes.F(s.Count)} sessions; plan {(planFiled ? "filed" : "not filed")}; summary {(summaryFiled ? "filed" : "not filed")}",
            evidence);
    }
}
