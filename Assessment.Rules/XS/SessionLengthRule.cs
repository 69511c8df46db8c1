using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.XS;

[Name(Id), Description("学习时长 Session length"), Tag("XS")]
internal sealed class SessionLengthRule : Rule
{
    public const string Id = "XS-02";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(SessionLength.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>XS-02: max − ShortSessionDeduction × sessions with blank duration or under MinSessionMinutes, at least 0.</summary>
internal static class SessionLength
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var min = item.Parameters.Whole("MinSessionMinutes");
        var k = s.Count(x => x.Row.DurationMinutes is not { } d || d < min);
        return Outcomes.Score(item, item.Max - item.Parameters.Number("ShortSessionDeduction") * k,
            $"时长不足 {Outcomes.F(min)} 分钟或未记录 {Outcomes.F(k)}/{Outcomes.F(s.Count)} 次",
            $"{Outcomes.F(k)} of {Outcomes.F(s.Count)} sessions shorter than {Outcomes.F(min)} minutes or not recorded",
            s.Ids);
    }
}
