using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.JF;

/// <summary>The bonus conclusions: PointsEach per qualifying output up to MaxPoints (JF-01, JF-02); Points for an award (JF-03).</summary>
internal static class Bonuses
{
    public static BonusOutcome PerOutput(RubricBonus bonus, IEnumerable<OutputRow> outputs, string zh, string en)
    {
        var ids = FileOrder.ByLine(outputs, x => x.Source.Line).Select(x => x.OutputId).ToArray();
        var points = Math.Min(bonus.Parameters.Number("MaxPoints"), bonus.Parameters.Number("PointsEach") * ids.Length);
        return new BonusOutcome(bonus.Id, points,
            Outcomes.Explain($"{zh} {Outcomes.F(ids.Length)} 项 → +{Outcomes.F(points)}", $"{Outcomes.F(ids.Length)} output(s) {en} → +{Outcomes.F(points)}"), ids);
    }

    public static BonusOutcome Honoured(RubricBonus bonus, IEnumerable<EventRow> events)
    {
        var ids = FileOrder.ByLine(events, x => x.Source.Line).Select(x => x.EventId).ToArray();
        var points = ids.Length > 0 ? bonus.Parameters.Number("Points") : 0;
        return new BonusOutcome(bonus.Id, points,
            Outcomes.Explain($"获评先进、经验推广 {Outcomes.F(ids.Length)} 次 → +{Outcomes.F(points)}", $"{Outcomes.F(ids.Length)} award(s) or promoted practice(s) → +{Outcomes.F(points)}"), ids);
    }
}
