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
        RowSet<OutputRow> outputRows = null!;
        IEnumerable<OutputRow> outputs = null!;

        When()
            .Match(() => unit)
            .Match(() => outputRows, x => x.Unit == unit)
            .Let(() => outputs, () => Outputs(outputRows));

        Then()
            .Do(_ => unit.Outcomes.Add(Bonuses.PerOutput(unit.Rubric.BonusItem(Id), outputs, "获批示采纳", "adopted or endorsed")));
    }

    private static OutputRow[] Outputs(RowSet<OutputRow> rows) =>
        rows.Where(o => (o.Adopted == true) && (rows.Unit.Year.InYearOrBlank(o.Date))).ToArray();
}
