using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.XS;

[Name(Id), Description("研讨交流 Real discussion"), Tag("XS")]
internal sealed class DiscussionRule : Rule
{
    public const string Id = "XS-03";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;
        MemberFacts members = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit)
            .Match(() => members, m => m.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(Discussion.Score(unit.Rubric.Item(Id)!, sessions, members)));
    }
}

/// <summary>XS-03: + DiscussionPoints if sessions with ≥ MinSpeechesPerSession keynote or discussion speeches / n ≥ DiscussionShare;
/// + SpeakerPoints × members with ≥ MinSpeechesPerMember speeches in S / m.</summary>
internal static class Discussion
{
    public static ItemOutcome Score(RubricItem item, IReadOnlyList<SessionFact> s, MemberFacts m)
    {
        var p = item.Parameters;
        if (s.Count == 0 || m.Count == 0)
        {
            return s.Count == 0 ? Outcomes.NoSessions(item) : Outcomes.NoMembers(item);
        }

        var lively = s.Count(x => x.DiscussionSpeeches >= p.Whole("MinSpeechesPerSession"));
        var first = lively >= p.Number("DiscussionShare") * s.Count ? p.Number("DiscussionPoints") : 0;
        var speakers = m.Count(x => x.Speeches >= p.Whole("MinSpeechesPerMember"));
        var exact = (first * m.Count + p.Number("SpeakerPoints") * speakers) / m.Count;
        return Outcomes.Score(item, exact,
            $"≥ {Outcomes.F(p.Whole("MinSpeechesPerSession"))} 条研讨发言的学习 {Outcomes.F(lively)}/{Outcomes.F(s.Count)} 次；发言成员 {Outcomes.F(speakers)}/{Outcomes.F(m.Count)} 人",
            $"{Outcomes.F(lively)} of {Outcomes.F(s.Count)} sessions with ≥ {Outcomes.F(p.Whole("MinSpeechesPerSession"))} speeches; {Outcomes.F(speakers)} of {Outcomes.F(m.Count)} members spoke",
            m.Ids);
    }
}
