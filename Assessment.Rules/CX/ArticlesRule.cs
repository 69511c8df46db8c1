using Assessment.Core.Scoring;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.CX;

[Name(Id), Description("理论文章与心得 Articles and reflections"), Tag("CX")]
internal sealed class ArticlesRule : Rule
{
    public const string Id = "CX-03";

    public override void Define()
    {
        RubricItem item = null!;
        IEnumerable<MemberFact> members = null!;

        When()
            .Match(() => item, x => x.Id == Id)
            .Query(() => members, q => q.Match<MemberFact>().Collect());

        Then()
            .Do(ctx => ctx.Insert(MemberShare.Score(item, members,
                m => m.Articles >= item.Parameters.Whole("MinArticlesPerMember"),
                "撰写理论文章或心得体会", "wrote an article or reflection")));
    }
}
