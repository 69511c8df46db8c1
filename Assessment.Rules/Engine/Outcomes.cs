using Assessment.Core.Scoring;

namespace Assessment.Rules.Engine;

/// <summary>Builds the outcome facts that rules insert: one rounding per item, the score appended to the explanation.</summary>
internal static class Outcomes
{
    public static ItemOutcome Score(RubricItem item, decimal exact, string zh, string en, IEnumerable<string> evidence)
    {
        var score = Numbers.Round(Numbers.Clamp(exact, item.Max));
        var tail = $" → {F(score)}/{F(item.Max)}";
        return new ItemOutcome(item.Id, score, false, new Explanation(zh + tail, en + tail), Evidence(evidence));
    }

    /// <summary>An item that needs sessions, for a unit with none in the year: 0 with no evidence.</summary>
    public static ItemOutcome NoSessions(RubricItem item) => Score(item, 0, "年内无集体学习", "no sessions in the year", []);

    /// <summary>An item that needs members, for a unit with none: 0 with no evidence.</summary>
    public static ItemOutcome NoMembers(RubricItem item) => Score(item, 0, "无中心组成员", "no group members", []);

    public static ItemOutcome NotApplicable(RubricItem item, string zh, string en, IEnumerable<string> evidence) =>
        new(item.Id, item.Max, true, new Explanation($"{zh} → 不适用", $"{en} → not applicable"), Evidence(evidence));

    /// <summary>The evidence as a list: a list the rule made (such as the shared ids of S or M) is kept, not copied;
    /// nothing changes it afterwards.</summary>
    private static IReadOnlyList<string> Evidence(IEnumerable<string> evidence) => evidence as IReadOnlyList<string> ?? evidence.ToArray();

    /// <summary>The points of the first band the share num/den reaches, compared exactly (num ≥ threshold × den).</summary>
    public static decimal Band(IReadOnlyList<Band> bands, decimal num, decimal den)
    {
        foreach (var b in bands)
        {
            var bar = b.Threshold * den;
            if (b.Strict ? num > bar : num >= bar)
            {
                return b.Points;
            }
        }

        return 0;
    }

    public static string F(decimal d) => Numbers.Format(d);

    public static string F(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Pct(int num, int den) => Numbers.Percent(num, den);

    public static string Pct(decimal share) => Numbers.Percent(share);
}
