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
        OutcomeSink sink = null!;
        UnitFacts unit = null!;
        Rubric rubric = null!;
        IEnumerable<EventRow> events = null!;

        Dependency()
            .Resolve(() => sink);

        When()
            .Match(() => unit)
            .Match(() => rubric)
            .Query(() => events, q => q
                .Match<EventRow>(e => e.Kind == EventKind.Award || e.Kind == EventKind.Promoted, e => unit.Year.InYearOrBlank(e.Date))
                .Collect());

        Then()
            .Do(_ => sink.Add(Bonuses.Honoured(rubric.BonusItem(Id), events)));
    }
}
