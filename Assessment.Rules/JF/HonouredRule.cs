using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.JF;

[Name(Id), Description("获评先进、经验推广 Honoured or practice promoted"), Tag("JF")]
internal sealed class HonouredRule : Rule
{
    public const string Id = "JF-03";

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
            .Do(_ => unit.Outcomes.Add(Bonuses.Honoured(unit.Rubric.BonusItem(Id), events)));
    }

    private static EventRow[] Events(RowSet<EventRow> rows) =>
        rows.Where(e => (e.Kind == EventKind.Award || e.Kind == EventKind.Promoted) && (rows.Unit.Year.InYearOrBlank(e.Date))).ToArray();
}
