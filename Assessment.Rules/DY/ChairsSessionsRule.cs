using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.DY;

[Name(Id), Description("主持集体学习 Chairs the sessions"), Tag("DY")]
internal sealed class ChairsSessionsRule : Rule
{
    public const string Id = "DY-02";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(ChairsSessions.Score(unit, unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>DY-02: h = sessions hosted by sec or with an acting reason; h/n by Bands.</summary>
internal static class ChairsSessions
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item, SessionFacts s)
    {
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var sec = unit.Secretary?.MemberId;
        var h = s.Count(x => (sec is not null && x.Row.HostId == sec) || x.Row.ActingReason is not null);
        return Outcomes.Score(item, Outcomes.Band(item.Parameters.Bands("Bands"), h, s.Count),
            $"书记主持 {Outcomes.F(h)}/{Outcomes.F(s.Count)} 次 = {Outcomes.Pct(h, s.Count)}",
            $"secretary chaired {Outcomes.F(h)} of {Outcomes.F(s.Count)} sessions = {Outcomes.Pct(h, s.Count)}",
            s.Ids);
    }
}
