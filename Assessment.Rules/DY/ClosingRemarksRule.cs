using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.DY;

[Name(Id), Description("提出要求、进行讲评 Gives closing remarks"), Tag("DY")]
internal sealed class ClosingRemarksRule : Rule
{
    public const string Id = "DY-03";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(ClosingRemarks.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>DY-03: sessions with secretary_remarks / n by Bands.</summary>
internal static class ClosingRemarks
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var k = s.Count(x => x.Row.SecretaryRemarks == true);
        return Outcomes.Score(item, Outcomes.Band(item.Parameters.Bands("Bands"), k, s.Count),
            $"书记讲评 {Outcomes.F(k)}/{Outcomes.F(s.Count)} 次 = {Outcomes.Pct(k, s.Count)}",
            $"secretary's remarks at {Outcomes.F(k)} of {Outcomes.F(s.Count)} sessions = {Outcomes.Pct(k, s.Count)}",
            s.Ids);
    }
}
