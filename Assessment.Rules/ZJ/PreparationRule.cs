using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZJ;

[Name(Id), Description("会前准备 Sessions prepared in advance"), Tag("ZJ")]
internal sealed class PreparationRule : Rule
{
    public const string Id = "ZJ-03";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(Preparation.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>ZJ-03: max × prepared / n; prepared = notice_date ≤ date − NoticeDaysBefore days and materials_issued.</summary>
internal static class Preparation
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var days = item.Parameters.Whole("NoticeDaysBefore");
        var k = s.Count(x => x.Row.NoticeDate is { } n && n <= x.Row.Date.AddDays(-days) && x.Row.MaterialsIssued == true);
        return Outcomes.Score(item, item.Max * k / s.Count,
            $"提前 {Outcomes.F(days)} 天通知并印发材料 {Outcomes.F(k)}/{Outcomes.F(s.Count)} 次",
            $"{Outcomes.F(k)} of {Outcomes.F(s.Count)} sessions noticed {Outcomes.F(days)}+ days ahead with materials",
            s.Ids);
    }
}
