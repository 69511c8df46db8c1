using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.NR;

[Name(Id), Description("及时跟进学习上级部署 Timely study of directives"), Tag("NR")]
internal sealed class TimelyStudyRule : Rule
{
    public const string Id = "NR-02";

    public override void Define()
    {
        UnitFacts unit = null!;
        IEnumerable<DirectiveRow> directives = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Let(() => directives, () => DirectivesOfYear(unit))
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(TimelyStudy.Score(unit.Rubric.Item(Id)!, directives, sessions)));
    }

    private static DirectiveRow[] DirectivesOfYear(UnitFacts unit) =>
        unit.Directives.Where(d => unit.Year.InYear(d.IssuedDate)).ToArray();
}

/// <summary>NR-02: D = directives issued in the year (none → not applicable); max × timely / |D|, timely = studied in a
/// session of S within [0, TimelyStudyDays] days of issue.</summary>
internal static class TimelyStudy
{
    public static ItemOutcome Score(RubricItem item, IEnumerable<DirectiveRow> directives, IReadOnlyList<SessionFact> s)
    {
        var d = FileOrder.ByLine(directives, x => x.Source.Line);
        if (d.Length == 0)
        {
            return Outcomes.NotApplicable(item, "年内无上级部署", "no directives issued in the year", []);
        }

        var days = item.Parameters.Whole("TimelyStudyDays");
        var timely = d.Count(x => s.Any(y => y.Row.DirectiveIds.Contains(x.DirectiveId)
            && y.Row.Date.DayNumber - x.IssuedDate.DayNumber is var gap && gap >= 0 && gap <= days));
        return Outcomes.Score(item, item.Max * timely / d.Length,
            $"{Outcomes.F(days)} 天内跟进学习上级部署 {Outcomes.F(timely)}/{Outcomes.F(d.Length)} 项",
            $"{Outcomes.F(timely)} of {Outcomes.F(d.Length)} directives studied within {Outcomes.F(days)} days",
            d.Select(x => x.DirectiveId));
    }
}
