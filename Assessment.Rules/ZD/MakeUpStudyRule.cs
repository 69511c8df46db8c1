using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZD;

[Name(Id), Description("缺席补学 Make-up study"), Tag("ZD")]
internal sealed class MakeUpStudyRule : Rule
{
    public const string Id = "ZD-03";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(MakeUpStudy.Score(unit, unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>ZD-03: A = pairs on leave or absent (missing rows included); A = 0 → max; else max × made up / A.</summary>
internal static class MakeUpStudy
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item, SessionFacts s)
    {
        if (s.Count == 0 || unit.M == 0)
        {
            return s.Count == 0 ? Outcomes.NoSessions(item) : Outcomes.NoMembers(item);
        }

        int away = s.Sum(x => x.Absences), madeUp = s.Sum(x => x.MadeUp);
        var exact = away == 0 ? item.Max : item.Max * madeUp / away;
        return Outcomes.Score(item, exact,
            $"请假、缺席 {Outcomes.F(away)} 人次，已补学 {Outcomes.F(madeUp)} 人次",
            $"{Outcomes.F(away)} absence(s) and leave(s), {Outcomes.F(madeUp)} made up",
            s.Ids.Concat(unit.MemberIds));
    }
}
