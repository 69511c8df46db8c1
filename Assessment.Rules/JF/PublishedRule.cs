using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.JF;

[Name(Id), Description("成果公开发表 Published at city level or above"), Tag("JF")]
internal sealed class PublishedRule : Rule
{
    public const string Id = "JF-01";

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
            .Do(_ => unit.Outcomes.Add(Bonuses.PerOutput(unit.Rubric.BonusItem(Id), outputs, "市级及以上发表", "published at city level or above")));
    }

    private static OutputRow[] Outputs(RowSet<OutputRow> rows) =>
        rows.Where(o => (o.PublishedLevel >= PublishedLevel.City) && (rows.Unit.Year.InYearOrBlank(o.Date))).ToArray();
}
