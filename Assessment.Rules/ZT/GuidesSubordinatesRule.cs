using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZT;

[Name(Id), Description("指导督促下级中心组 Guides subordinate groups"), Tag("ZT")]
internal sealed class GuidesSubordinatesRule : Rule
{
    public const string Id = "ZT-04";

    public override void Define()
    {
        UnitFacts unit = null!;
        RowSet<EventRow> eventRows = null!;
        IEnumerable<EventRow> events = null!;

        When()
            .Match(() => unit)
            .Match(() => eventRows, x => x.Unit == unit)
            .Let(() => events, () => Events(eventRows));

        Then()
            .Do(_ => unit.Outcomes.Add(GuidesSubordinates.Score(unit, unit.Rubric.Item(Id)!, events)));
    }

    private static EventRow[] Events(RowSet<EventRow> rows) =>
        rows.Where(e => (e.Kind == EventKind.SitIn || e.Kind == EventKind.Inspection) && (rows.Unit.Year.InYearOrBlank(e.Date))).ToArray();
}

/// <summary>ZT-04: no subordinate groups → not applicable; else k sit-ins and inspections in the year, by Bands.</summary>
internal static class GuidesSubordinates
{
    public static ItemOutcome Score(UnitFacts unit, RubricItem item, IEnumerable<EventRow> events)
    {
        var ids = FileOrder.ByLine(events, e => e.Source.Line).Select(e => e.EventId).ToArray();
        if (unit.Unit.HasSubordinateGroups != true)
        {
            return Outcomes.NotApplicable(item, "无下级中心组", "no subordinate study groups", ids);
        }

        var k = ids.Length;
        return Outcomes.Score(item, Outcomes.Band(item.Parameters.Bands("Bands"), k, 1),
            $"列席旁听、督查指导 {Outcomes.F(k)} 次", $"{Outcomes.F(k)} sit-in(s) and inspection(s) of lower groups", ids);
    }
}
