using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZJ;

[Name(Id), Description("直接责任人履职 Propaganda lead at work"), Tag("ZJ")]
internal sealed class PropagandaLeadRule : Rule
{
    public const string Id = "ZJ-01";

    public override void Define()
    {
        UnitFacts unit = null!;
        RowSet<DocumentRow> documentRows = null!;
        MemberFacts members = null!;
        IEnumerable<DocumentRow> schedules = null!;

        When()
            .Match(() => unit)
            .Match(() => members, m => m.Unit == unit)
            .Match(() => documentRows, x => x.Unit == unit)
            .Let(() => schedules, () => Schedules(documentRows));

        Then()
            .Do(_ => unit.Outcomes.Add(PropagandaLead.Score(unit.Rubric.Item(Id)!, members, schedules)));
    }

    private static DocumentRow[] Schedules(RowSet<DocumentRow> rows) =>
        rows.Where(d => (d.Kind == DocumentKind.TopicSchedule) && (rows.Unit.Year.InWindowOrBlank(d.Date))).ToArray();
}

/// <summary>ZJ-01: + LeadPoints if a member holds 分管宣传; + SchedulePoints if a 专题安排 document is dated in W(Y).</summary>
internal static class PropagandaLead
{
    public static ItemOutcome Score(RubricItem item, MemberFacts members, IEnumerable<DocumentRow> schedules)
    {
        var l = FileOrder.ByLine(members.Where(m => (m.Row.Roles & MemberRole.PropagandaLead) != 0), x => x.Row.Source.Line).Select(x => x.Id).ToArray();
        var d = FileOrder.ByLine(schedules, x => x.Source.Line).Select(x => x.DocId).ToArray();
        var points = (l.Length > 0 ? item.Parameters.Number("LeadPoints") : 0) + (d.Length > 0 ? item.Parameters.Number("SchedulePoints") : 0);
        return Outcomes.Score(item, points,
            $"分管宣传成员 {Outcomes.F(l.Length)} 人，专题安排文件 {Outcomes.F(d.Length)} 份",
            $"{Outcomes.F(l.Length)} propaganda lead(s), {Outcomes.F(d.Length)} topic schedule(s)",
            l.Concat(d));
    }
}
