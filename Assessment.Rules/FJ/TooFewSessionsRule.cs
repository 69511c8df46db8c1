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
        OutcomeSink sink = null!;
        UnitFacts unit = null!;
        Rubric rubric = null!;

        Dependency()
            .Resolve(() => sink);

        When()
            .Match(() => unit)
            .Match(() => rubric);

        Then()
            .Do(_ => sink.Add(Vetoes.TooFewSessions(unit, rubric.Veto(Id))));
    }
}
