using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.XS;

[Name(Id), Description("走出去、实地调研 Field study and on-site teaching"), Tag("XS")]
internal sealed class FieldStudyRule : Rule
{
    public const string Id = "XS-06";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(FieldStudy.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>XS-06: k sessions of form 走出去 ≥ MinFieldStudiesPerYear → max; else 0.</summary>
internal static class FieldStudy
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        var min = item.Parameters.Whole("MinFieldStudiesPerYear");
        var k = s.Count(x => x.Row.Form == SessionForm.Field);
        return Outcomes.Score(item, k >= min && k > 0 ? item.Max : 0,
            $"走出去学习 {Outcomes.F(k)} 次（要求 ≥ {Outcomes.F(min)}）", $"{Outcomes.F(k)} field stud(ies) (needs ≥ {Outcomes.F(min)})",
            s.Ids);
    }
}
