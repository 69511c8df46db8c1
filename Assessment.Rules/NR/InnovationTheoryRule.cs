using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.NR;

[Name(Id), Description("首要任务：党的创新理论 The Party's newest theory first"), Tag("NR")]
internal sealed class InnovationTheoryRule : Rule
{
    public const string Id = "NR-01";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(InnovationTheory.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>NR-01: sessions tagged 创新理论 / n by Bands.</summary>
internal static class InnovationTheory
{
    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var k = s.Count(x => x.Row.Tags.Contains(ContentTag.InnovationTheory));
        return Outcomes.Score(item, Outcomes.Band(item.Parameters.Bands("Bands"), k, s.Count),
            $"学习创新理论 {Outcomes.F(k)}/{Outcomes.F(s.Count)} 次 = {Outcomes.Pct(k, s.Count)}",
            $"{Outcomes.F(k)} of {Outcomes.F(s.Count)} sessions on the newest theory = {Outcomes.Pct(k, s.Count)}",
            s.Ids);
    }
}
