using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.FJ;

[Name(Id), Description("集体学习严重不足 Almost no collective study"), Tag("FJ")]
internal sealed class TooFewSessionsRule : Rule
{
    public const string Id = "FJ-01";

    public override void Define()
    {
        UnitFacts unit = null!;

        When()
            .Match(() => unit);

        Then()
            .Do(_ => unit.Outcomes.Add(Vetoes.TooFewSessions(unit, unit.Rubric.Veto(Id))));
    }
}
