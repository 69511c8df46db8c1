using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.DY;

[Name(Id), Description("带头讲党课、带头发言 Leads by example"), Tag("DY")]
internal sealed class LeadsByExampleRule : Rule
{
    public const string Id = "DY-04";

    public override void Define()
    {
        UnitFacts unit = null!;
        MemberFacts members = null!;

        When()
            .Match(() => unit)
            .Match(() => members, m => m.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(LeadsByExample.Score(unit.Rubric.Item(Id)!, members)));
    }
}

/// <summary>DY-04: no sec → 0; + LecturePoints if sec gave a 党课 in the year; + SpeechPoints if sec spoke at a session of S.</summary>
internal static class LeadsByExample
{
    public static ItemOutcome Score(RubricItem item, MemberFacts members)
    {
        var sec = members.FirstOrDefault(m => m.IsSecretary);
        if (sec is null)
        {
            return Outcomes.Score(item, 0, "未确定书记", "no secretary", []);
        }

        var lectured = sec.PartyLectures > 0;
        var spoke = sec.Speeches > 0;
        var points = (lectured ? item.Parameters.Number("LecturePoints") : 0) + (spoke ? item.Parameters.Number("SpeechPoints") : 0);
        return Outcomes.Score(item, points,
            $"书记 {sec.Id}：讲党课 {Outcomes.F(sec.PartyLectures)} 次，集体学习发言 {Outcomes.F(sec.Speeches)} 次",
            $"secretary {sec.Id}: {Outcomes.F(sec.PartyLectures)} Party lecture(s), {Outcomes.F(sec.Speeches)} speech(es) at sessions",
            [sec.Id]);
    }
}
