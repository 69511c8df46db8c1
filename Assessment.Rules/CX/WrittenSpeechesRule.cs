using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.CX;

[Name(Id), Description("发言材料 Written speeches"), Tag("CX")]
internal sealed class WrittenSpeechesRule : Rule
{
    public const string Id = "CX-01";

    public override void Define()
    {
        UnitFacts unit = null!;
        MemberFacts members = null!;

        When()
            .Match(() => unit)
            .Match(() => members, m => m.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(Score(unit.Rubric.Item(Id)!, members)));
    }

    private static ItemOutcome Score(RubricItem item, MemberFacts members) =>
        MemberShare.Score(item, members, m => m.WrittenSpeeches > 0, "有书面发言材料", "with a written speech");
}

/// <summary>The items scored as max × (members of M who qualify) / m: CX-01, CX-02, CX-03.</summary>
internal static class MemberShare
{
    public static ItemOutcome Score(RubricItem item, MemberFacts m, Func<MemberFact, bool> qualifies, string zh, string en)
    {
        if (m.Count == 0)
        {
            return Outcomes.NoMembers(item);
        }

        var k = m.Count(qualifies);
        return Outcomes.Score(item, item.Max * k / m.Count,
            $"{zh} {Outcomes.F(k)}/{Outcomes.F(m.Count)} 人", $"{Outcomes.F(k)} of {Outcomes.F(m.Count)} members {en}",
            m.Ids);
    }
}
