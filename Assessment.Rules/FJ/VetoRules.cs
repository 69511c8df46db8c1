using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.FJ;

[Name(Id), Description("集体学习严重不足 Almost no collective study"), Tag("FJ")]
internal sealed class TooFewSessionsRule : Rule
{
    public const string Id = "FJ-01";

    public override void Define()
    {
        UnitFacts unit = null!;
        RubricVeto veto = null!;

        When()
            .Match(() => unit)
            .Match(() => veto, x => x.Id == Id);

        Then()
            .Do(ctx => ctx.Insert(Vetoes.TooFewSessions(unit, veto)));
    }
}

[Name(Id), Description("弄虚作假 Falsified records"), Tag("FJ")]
internal sealed class FalsificationRule : Rule
{
    public const string Id = "FJ-02";

    public override void Define()
    {
        RubricVeto veto = null!;
        IEnumerable<ReviewRow> findings = null!;

        When()
            .Match(() => veto, x => x.Id == Id)
            .Query(() => findings, q => q.Match<ReviewRow>(r => r.Finding == Finding.Falsification).Collect());

        Then()
            .Do(ctx => ctx.Insert(Vetoes.FromReviews(veto, findings, "核查发现弄虚作假", "a review found falsified records")));
    }
}

[Name(Id), Description("严重政治问题 Serious political error"), Tag("FJ")]
internal sealed class PoliticalIncidentRule : Rule
{
    public const string Id = "FJ-03";

    public override void Define()
    {
        RubricVeto veto = null!;
        IEnumerable<ReviewRow> findings = null!;

        When()
            .Match(() => veto, x => x.Id == Id)
            .Query(() => findings, q => q.Match<ReviewRow>(r => r.Finding == Finding.PoliticalIncident).Collect());

        Then()
            .Do(ctx => ctx.Insert(Vetoes.FromReviews(veto, findings, "核查发现严重政治问题", "a review found a serious political error")));
    }
}

/// <summary>The veto conclusions: FJ-01 n &lt; VetoMinSessions; FJ-02 and FJ-03 a review finding.</summary>
internal static class Vetoes
{
    public static VetoOutcome TooFewSessions(UnitFacts unit, RubricVeto veto)
    {
        var min = veto.Parameters.Whole("VetoMinSessions");
        return new VetoOutcome(veto.Id, unit.N < min,
            new Explanation($"年内集体学习 {Outcomes.F(unit.N)} 次，少于 {Outcomes.F(min)} 次", $"{Outcomes.F(unit.N)} sessions in the year, fewer than {Outcomes.F(min)}"),
            unit.SessionIds);
    }

    public static VetoOutcome FromReviews(RubricVeto veto, IEnumerable<ReviewRow> findings, string zh, string en)
    {
        var rows = findings.OrderBy(x => x.Source.Line).ToArray();
        var notes = string.Join("; ", rows.Select(r => r.Note).Where(n => n is not null));
        var suffix = notes.Length > 0 ? $"：{notes}" : "";
        var suffixEn = notes.Length > 0 ? $": {notes}" : "";
        return new VetoOutcome(veto.Id, rows.Length > 0, new Explanation(zh + suffix, en + suffixEn), rows.Select(r => r.Source.ToString()).ToArray());
    }
}
