using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.NR;

[Name(Id), Description("联系实际 Tied to the unit's real problems"), Tag("NR")]
internal sealed class LinkedToPracticeRule : Rule
{
    public const string Id = "NR-04";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(LinkedToPractice.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>NR-04: k = sessions with a non-blank linked_issue, by Bands.</summary>
internal static class LinkedToPractice
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var k = s.Count(x => x.Row.LinkedIssue is not null);
        return Outcomes.Score(item, Outcomes.Band(item.Parameters.Bands("Bands"), k, 1),
            $"联系实际问题 {Outcomes.F(k)} 次", $"{Outcomes.F(k)} session(s) tied to a real problem", s.Ids);
    }
}
