using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.XS;

[Name(Id), Description("集体学习研讨次数 Number of collective sessions"), Tag("XS")]
internal sealed class SessionCountRule : Rule
{
    public const string Id = "XS-01";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(SessionCount.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>XS-01: max − SessionShortfallDeduction × shortfall − QuarterGapDeduction × empty quarters, at least 0.</summary>
internal static class SessionCount
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        var p = item.Parameters;
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var min = p.Whole("MinSessionsPerYear");
        var shortfall = Math.Max(0, min - s.Count);
        var gaps = p.Flag("RequireEveryQuarter")
            ? 4 - s.Select(x => StudyYear.Quarter(x.Row.Date)).Distinct().Count()
            : 0;
        var exact = item.Max - p.Number("SessionShortfallDeduction") * shortfall - p.Number("QuarterGapDeduction") * gaps;
        return Outcomes.Score(item, exact,
            $"集体学习 {Outcomes.F(s.Count)} 次（要求 ≥ {Outcomes.F(min)}，少 {Outcomes.F(shortfall)} 次），{Outcomes.F(gaps)} 个季度未学习",
            $"{Outcomes.F(s.Count)} sessions (needs ≥ {Outcomes.F(min)}, {Outcomes.F(shortfall)} short), {Outcomes.F(gaps)} quarter(s) without a session",
            s.Ids);
    }
}
