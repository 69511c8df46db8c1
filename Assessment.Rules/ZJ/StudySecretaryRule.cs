using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZJ;

[Name(Id), Description("配备学习秘书 Study secretary named"), Tag("ZJ")]
internal sealed class StudySecretaryRule : Rule
{
    public const string Id = "ZJ-02";

    public override void Define()
    {
        UnitFacts unit = null!;
        RowSet<MemberRow> memberRows = null!;
        IEnumerable<MemberRow> secretaries = null!;

        When()
            .Match(() => unit)
            .Match(() => memberRows, x => x.Unit == unit)
            .Let(() => secretaries, () => Secretaries(memberRows));

        Then()
            .Do(_ => unit.Outcomes.Add(StudySecretary.Score(unit.Rubric.Item(Id)!, secretaries)));
    }

    private static MemberRow[] Secretaries(RowSet<MemberRow> rows) =>
        rows.Where(m => (m.Roles & MemberRole.StudySecretary) != 0).ToArray();
}

/// <summary>ZJ-02: someone holds the role 学习秘书 → max; else 0.</summary>
internal static class StudySecretary
{
    public static ItemOutcome Score(RubricItem item, IEnumerable<MemberRow> secretaries)
    {
        var ids = FileOrder.ByLine(secretaries, x => x.Source.Line).Select(x => x.MemberId).ToArray();
        return ids.Length > 0
            ? Outcomes.Score(item, item.Max, $"学习秘书：{string.Join("、", ids)}", $"study secretary: {string.Join(", ", ids)}", ids)
            : Outcomes.Score(item, 0, "未配备学习秘书", "no study secretary", ids);
    }
}
