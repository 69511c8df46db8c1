using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.JF;

[Name(Id), Description("成果获批示采纳 Adopted or endorsed"), Tag("JF")]
internal sealed class AdoptedRule : Rule
{
    public const string Id = "JF-02";

    public override void Define()
    {
        OutcomeSink sink = null!;
        UnitFacts unit = null!;
        Rubric rubric = null!;
        IEnumerable<OutputRow> outputs = null!;

        Dependency()
            .Resolve(() => sink);

        When()
            .Match(() => unit)
            .Match(() => rubric)
            .Query(() => outputs, q => q
                .Match<OutputRow>(o => o.Adopted == true, o => unit.Year.InYearOrBlank(o.Date))
                .Collect());

        Then()
            .Do(_ => sink.Add(Bonuses.PerOutput(rubric.BonusItem(Id), outputs, "获批示采纳", "adopted or endorsed")));
    }
}
