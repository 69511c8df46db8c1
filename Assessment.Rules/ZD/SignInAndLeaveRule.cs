using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZD;

[Name(Id), Description("考勤与请假 Sign-in and leave"), Tag("ZD")]
internal sealed class SignInAndLeaveRule : Rule
{
    public const string Id = "ZD-01";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(SignInAndLeave.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>ZD-01: SignInPoints × signed / n + LeavePoints × approved / L (L = 0 → LeavePoints), over one denominator n × L.</summary>
internal static class SignInAndLeave
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        decimal sp = item.Parameters.Number("SignInPoints"), lp = item.Parameters.Number("LeavePoints");
        int n = s.Count, signed = s.Count(x => x.Row.SignIn == true), leave = s.Sum(x => x.Leave), approved = s.Sum(x => x.LeaveApproved);
        var exact = leave == 0
            ? (sp * signed + lp * n) / n
            : (sp * signed * leave + lp * approved * n) / (n * leave);
        return Outcomes.Score(item, exact,
            $"签到 {Outcomes.F(signed)}/{Outcomes.F(n)} 次；请假已批准 {Outcomes.F(approved)}/{Outcomes.F(leave)} 人次",
            $"sign-in at {Outcomes.F(signed)} of {Outcomes.F(n)} sessions; {Outcomes.F(approved)} of {Outcomes.F(leave)} leaves approved",
            s.Ids);
    }
}
