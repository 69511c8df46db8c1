using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.CX;

[Name(Id), Description("调研报告 Research reports"), Tag("CX")]
internal sealed class ResearchReportsRule : Rule
{
    public const string Id = "CX-02";

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
                m => m.ResearchReports >= rubric.Item(Id)!.Parameters.Whole("MinResearchReportsPerMember"),
                "撰写调研报告", "wrote a research report")));
    }
}
