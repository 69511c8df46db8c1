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
        IEnumerable<OutputRow> outputs = null!;

        When()
            .Match(() => unit)
            .Query(() => outputs, q => q
                .Match<OutputRow>(o => o.UnitId == unit.Unit.UnitId, o => o.PublishedLevel >= PublishedLevel.City, o => unit.Year.InYearOrBlank(o.Date))
                .Collect());

        Then()
            .Do(_ => unit.Outcomes.Add(Bonuses.PerOutput(unit.Rubric.BonusItem(Id), outputs, "市级及以上发表", "published at city level or above")));
    }
}
