using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.FJ;

/// <summary>The veto conclusions: FJ-01 n &lt; VetoMinSessions; FJ-02 and FJ-03 a review finding.</summary>
internal static class Vetoes
{
    public static VetoOutcome TooFewSessions(UnitFacts unit, RubricVeto veto)
    {
        var min = veto.Parameters.Whole("VetoMinSessions");
        return new VetoOutcome(veto.Id, unit.N < min,
            Outcomes.Explain($"年内集体学习 {Outcomes.F(unit.N)} 次，少于 {Outcomes.F(min)} 次", $"{Outcomes.F(unit.N)} sessions in the year, fewer than {Outcomes.F(min)}"),
            unit.SessionIds);
    }

    public static VetoOutcome FromReviews(RubricVeto veto, IEnumerable<ReviewRow> findings, string zh, string en)
    {
        var rows = FileOrder.ByLine(findings, x => x.Source.Line);
        var notes = string.Join("; ", rows.Select(r => r.Note).Where(n => n is not null));
        var suffix = notes.Length > 0 ? $"：{notes}" : "";
        var suffixEn = notes.Length > 0 ? $": {notes}" : "";
        return new VetoOutcome(veto.Id, rows.Length > 0, new Explanation(zh + suffix, en + suffixEn), rows.Select(r => r.Source.ToString()).ToArray());
    }
}
