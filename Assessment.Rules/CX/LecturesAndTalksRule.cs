using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.CX;

[Name(Id), Description("讲党课、宣讲 Party lectures and talks"), Tag("CX")]
internal sealed class LecturesAndTalksRule : Rule
{
    public const string Id = "CX-04";

    public override void Define()
    {
        UnitFacts unit = null!;
        MemberFacts members = null!;

        When()
            .Match(() => unit)
            .Match(() => members, m => m.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(LecturesAndTalks.Score(unit.Rubric.Item(Id)!, members)));
    }
}

/// <summary>CX-04: + SecretaryPoints if sec gave a 党课 in the year; + OthersPoints × other members with a 党课 or 宣讲 / other members.</summary>
internal static class LecturesAndTalks
{
    public static ItemOutcome Score(RubricItem item, MemberFacts m)
    {
        if (m.Count == 0)
        {
            return Outcomes.NoMembers(item);
        }

        var sec = m.FirstOrDefault(x => x.IsSecretary);
        var others = m.Where(x => !x.IsSecretary).ToArray();
        var first = sec is not null && sec.PartyLectures > 0 ? item.Parameters.Number("SecretaryPoints") : 0;
        var k = others.Count(x => x.PartyLectures + x.Talks > 0);
        var exact = others.Length == 0 ? first : (first * others.Length + item.Parameters.Number("OthersPoints") * k) / others.Length;
        return Outcomes.Score(item, exact,
            $"书记讲党课：{(first > 0 ? "是" : "否")}；其他成员讲党课或宣讲 {Outcomes.F(k)}/{Outcomes.F(others.Length)} 人",
            $"secretary gave a Party lecture: {(first > 0 ? "yes" : "no")}; {Outcomes.F(k)} of {Outcomes.F(others.Length)} other members lectured or gave talks",
            m.Ids);
    }
}
