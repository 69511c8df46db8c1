using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.FJ;

[Name(Id), Description("严重政治问题 Serious political error"), Tag("FJ")]
internal sealed class PoliticalIncidentRule : Rule
{
    public const string Id = "FJ-03";

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
            .Do(_ => unit.Outcomes.Add(Vetoes.FromReviews(unit.Rubric.Veto(Id), findings, "核查发现严重政治问题", "a review found a serious political error")));
    }

    private static ReviewRow[] Findings(RowSet<ReviewRow> rows) =>
        rows.Where(r => r.Finding == Finding.PoliticalIncident).ToArray();
}
