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
            .Do(_ => unit.Outcomes.Add(MemberShare.Score(unit.Rubric.Item(Id)!, members,
                m => m.Articles >= unit.Rubric.Item(Id)!.Parameters.Whole("MinArticlesPerMember"),
                "撰写理论文章或心得体会", "wrote an article or reflection")));
    }
}
