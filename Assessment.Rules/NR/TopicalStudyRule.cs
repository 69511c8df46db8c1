using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.NR;

[Name(Id), Description("专题化学习 Each session on a set topic"), Tag("NR")]
internal sealed class TopicalStudyRule : Rule
{
    public const string Id = "NR-05";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(TopicalStudy.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>NR-05: + DistinctPoints if distinct topics ≥ MinTopicsPerYear; + SharePoints × sessions with a topic / n.</summary>
internal static class TopicalStudy
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        var p = item.Parameters;
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var min = p.Whole("MinTopicsPerYear");
        var withTopic = s.Count(x => x.Row.Topic is not null);
        var distinct = s.Where(x => x.Row.Topic is not null).Select(x => x.Row.Topic!).Distinct(StringComparer.Ordinal).Count();
        var first = distinct >= min ? p.Number("DistinctPoints") : 0;
        // One division: (first × n + SharePoints × k) / n.
        var exact = (first * s.Count + p.Number("SharePoints") * withTopic) / s.Count;
        return Outcomes.Score(item, exact,
            $"不同专题 {Outcomes.F(distinct)} 个（要求 ≥ {Outcomes.F(min)}），有专题 {Outcomes.F(withTopic)}/{Outcomes.F(s.Count)} 次",
            $"{Outcomes.F(distinct)} distinct topics (needs ≥ {Outcomes.F(min)}), {Outcomes.F(withTopic)} of {Outcomes.F(s.Count)} sessions with a topic",
            s.Ids);
    }
}
