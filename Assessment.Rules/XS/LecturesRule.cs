using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.XS;

[Name(Id), Description("专题辅导 Expert lectures"), Tag("XS")]
internal sealed class LecturesRule : Rule
{
    public const string Id = "XS-05";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(Lectures.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>XS-05: k sessions of form 专题辅导: k ≥ MinLecturesPerYear → max; k ≥ 1 → PartialPoints; else 0.</summary>
internal static class Lectures
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        var min = item.Parameters.Whole("MinLecturesPerYear");
        var k = s.Count(x => x.Row.Form == SessionForm.Lecture);
        var points = k >= min && k > 0 ? item.Max : k >= 1 ? item.Parameters.Number("PartialPoints") : 0;
        return Outcomes.Score(item, points,
            $"专题辅导 {Outcomes.F(k)} 次（要求 ≥ {Outcomes.F(min)}）", $"{Outcomes.F(k)} expert lecture(s) (needs ≥ {Outcomes.F(min)})",
            s.Ids);
    }
}
