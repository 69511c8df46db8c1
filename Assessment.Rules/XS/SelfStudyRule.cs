using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.XS;

[Name(Id), Description("个人自学 Individual self-study"), Tag("XS")]
internal sealed class SelfStudyRule : Rule
{
    public const string Id = "XS-04";

    public override void Define()
    {
        UnitFacts unit = null!;
        MemberFacts members = null!;

        When()
            .Match(() => unit)
            .Match(() => members, m => m.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(SelfStudy.Score(unit.Rubric.Item(Id)!, members)));
    }
}

/// <summary>XS-04: (PlanPoints × members with a self-study plan + NotesPoints × members with notes) / m.</summary>
internal static class SelfStudy
{
    public static ItemOutcome Score(RubricItem item, MemberFacts m)
    {
        if (m.Count == 0)
        {
            return Outcomes.NoMembers(item);
        }

        var plans = m.Count(x => x.Row.SelfStudyPlan == true);
        var notes = m.Count(x => x.Row.StudyNotes == true);
        var exact = (item.Parameters.Number("PlanPoints") * plans + item.Parameters.Number("NotesPoints") * notes) / m.Count;
        return Outcomes.Score(item, exact,
            $"有自学计划 {Outcomes.F(plans)}/{Outcomes.F(m.Count)} 人，有学习笔记 {Outcomes.F(notes)}/{Outcomes.F(m.Count)} 人",
            $"{Outcomes.F(plans)} of {Outcomes.F(m.Count)} members with a self-study plan, {Outcomes.F(notes)} with notes",
            m.Ids);
    }
}
