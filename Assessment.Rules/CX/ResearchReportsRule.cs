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
        var min = item.Parameters.Whole("MinResearchReportsPerMember");
        return MemberShare.Score(item, members, m => m.ResearchReports >= min, "撰写调研报告", "wrote a research report");
    }
}
