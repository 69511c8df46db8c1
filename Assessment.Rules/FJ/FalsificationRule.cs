using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.FJ;

[Name(Id), Description("弄虚作假 Falsified records"), Tag("FJ")]
internal sealed class FalsificationRule : Rule
{
    public const string Id = "FJ-02";

    public override void Define()
    {
        UnitFacts unit = null!;
        RowSet<ReviewRow> reviewRows = null!;
        IEnumerable<ReviewRow> findings = null!;

        When()
            .Match(() => unit)
            .Match(() => reviewRows, x => x.Unit == unit)
            .Let(() => findings, () => Findings(reviewRows));

        Then()
            .Do(_ => unit.Outcomes.Add(Vetoes.FromReviews(unit.Rubric.Veto(Id), findings, "核查发现弄虚作假", "a review found falsified records")));
    }

    private static ReviewRow[] Findings(RowSet<ReviewRow> rows) =>
        rows.Where(r => r.Finding == Finding.Falsification).ToArray();
}
