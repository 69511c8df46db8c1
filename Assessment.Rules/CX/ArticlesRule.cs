using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.CX;

[Name(Id), Description("理论文章与心得 Articles and reflections"), Tag("CX")]
internal sealed class ArticlesRule : Rule
{
    public const string Id = "CX-03";

    public override void Define()
    {
        UnitFacts unit = null!;
        MemberFacts members = null!;

        When()
            .Match(() => unit)
            .Match(() => members, m => m.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(Score(unit.Rubric.Item(Id)!, members)));
    }

    private static ItemOutcome Score(RubricItem item, MemberFacts members)
    {
        var min = item.Parameters.Whole("MinArticlesPerMember");
        return MemberShare.Score(item, members, m => m.Articles >= min, "撰写理论文章或心得体会", "wrote an article or reflection");
    }
}
