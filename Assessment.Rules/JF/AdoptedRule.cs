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
        UnitFacts unit = null!;
        IEnumerable<OutputRow> outputs = null!;

        When()
            .Match(() => unit)
            .Query(() => outputs, q => q
                .Match<OutputRow>(o => o.UnitId == unit.Unit.UnitId, o => o.Adopted == true, o => unit.Year.InYearOrBlank(o.Date))
                .Collect());

        Then()
            .Do(_ => unit.Outcomes.Add(Bonuses.PerOutput(unit.Rubric.BonusItem(Id), outputs, "获批示采纳", "adopted or endorsed")));
    }
}
