using Assessment.Core.Scoring;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.CX;

[Name(Id), Description("调研报告 Research reports"), Tag("CX")]
internal sealed class ResearchReportsRule : Rule
{
    public const string Id = "CX-02";

    public override void Define()
    {
        RubricItem item = null!;
        IEnumerable<MemberFact> members = null!;

        When()
            .Match(() => item, x => x.Id == Id)
            .Query(() => members, q => q.Match<MemberFact>().Collect());

        Then()
            .Do(ctx => ctx.Insert(MemberShare.Score(item, members,
                m => m.ResearchReports >= item.Parameters.Whole("MinResearchReportsPerMember"),
                "撰写调研报告", "wrote a research report")));
    }
}
