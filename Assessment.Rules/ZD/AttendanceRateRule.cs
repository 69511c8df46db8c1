using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZD;

[Name(Id), Description("参学率 Attendance rate"), Tag("ZD")]
internal sealed class AttendanceRateRule : Rule
{
    public const string Id = "ZD-02";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(AttendanceRate.Score(unit, unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>ZD-02: rate = present pairs / (m × n); ≥ target → max; &lt; floor → 0; else max − DeductionPerRate × (target − rate).</summary>
internal static class AttendanceRate
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item, SessionFacts s)
    {
        int n = s.Count, m = unit.M;
        if (n == 0 || m == 0)
        {
            return n == 0 ? Outcomes.NoSessions(item) : Outcomes.NoMembers(item);
        }

        var p = item.Parameters;
        decimal target = p.Number("AttendanceTarget"), floor = p.Number("AttendanceFloor"), per = p.Number("DeductionPerRate");
        var present = s.Sum(x => x.Present);
        decimal pairs = (decimal)m * n;
        var exact = present >= target * pairs ? item.Max
            : present < floor * pairs ? 0
            : (item.Max * pairs - per * (target * pairs - present)) / pairs;
        return Outcomes.Score(item, exact,
            $"参学率 {Outcomes.F(present)}/({Outcomes.F(m)}×{Outcomes.F(n)}) = {Outcomes.Pct(present / pairs)}（目标 {Outcomes.Pct(target)}，底线 {Outcomes.Pct(floor)}）",
            $"attendance {Outcomes.F(present)}/({Outcomes.F(m)}×{Outcomes.F(n)}) = {Outcomes.Pct(present / pairs)} (target {Outcomes.Pct(target)}, floor {Outcomes.Pct(floor)})",
            s.Ids.Concat(unit.MemberIds));
    }
}
