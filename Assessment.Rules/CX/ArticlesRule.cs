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
        OutcomeSink sink = null!;
        Rubric rubric = null!;
        MemberFacts members = null!;

        Dependency()
            .Resolve(() => sink);

        When()
            .Match(() => rubric)
            .Match(() => members);

        Then()
            .Do(_ => sink.Add(MemberShare.Score(rubric.Item(Id)!, members,
                m => m.Articles >= rubric.Item(Id)!.Parameters.Whole("MinArticlesPerMember"),
                "撰写理论文章或心得体会", "wrote an article or reflection")));
    }
}
