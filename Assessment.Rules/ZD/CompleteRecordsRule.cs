using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZD;

[Name(Id), Description("学习记录完整 Complete session records"), Tag("ZD")]
internal sealed class CompleteRecordsRule : Rule
{
    public const string Id = "ZD-04";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(CompleteRecords.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>ZD-04: max × complete / n; complete = has_record, topic, host_id and duration filled, and an attendance row for a member of M.</summary>
internal static class CompleteRecords
{
    public static bool IsComplete(SessionFact s) =>
        s.Row.HasRecord == true && s.Row.Topic is not null && s.Row.HostId is not null && s.Row.DurationMinutes is not null && s.GroupAttendanceRows > 0;

    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var k = s.Count(IsComplete);
        return Outcomes.Score(item, item.Max * k / s.Count,
            $"记录完整 {Outcomes.F(k)}/{Outcomes.F(s.Count)} 次", $"{Outcomes.F(k)} of {Outcomes.F(s.Count)} sessions fully recorded",
            s.Ids);
    }
}
