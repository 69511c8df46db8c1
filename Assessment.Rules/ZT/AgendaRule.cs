using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZT;

[Name(Id), Description("列入重要议事日程 On the committee's main agenda"), Tag("ZT")]
internal sealed class AgendaRule : Rule
{
    public const string Id = "ZT-01";

    public override void Define()
    {
        UnitFacts unit = null!;

        When()
            .Match(() => unit);

        Then()
            .Do(_ => unit.Outcomes.Add(Agenda.Score(unit, unit.Rubric.Item(Id)!)));
    }
}

/// <summary>ZT-01: agenda_meetings ≥ MinAgendaMeetings → max; 0 → 0; blank → 0 with empty evidence.</summary>
internal static class Agenda
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item)
    {
        var min = item.Parameters.Whole("MinAgendaMeetings");
        if (unit.Unit.AgendaMeetings is not { } k)
        {
            return Outcomes.Score(item, 0, "党委会研究中心组学习次数未填写", "agenda_meetings is blank", []);
        }

        var points = k >= min ? item.Max : 0;
        return Outcomes.Score(item, points, $"党委会研究 {Outcomes.F(k)} 次（要求 ≥ {Outcomes.F(min)}）",
            $"on the committee's agenda {Outcomes.F(k)} time(s) (needs ≥ {Outcomes.F(min)})", ["agenda_meetings"]);
    }
}
