using Assessment.Core.Model;

namespace Assessment.Core.Scoring;

/// <summary>The status of an item's result, derived from its score and evidence, never set by hand.</summary>
public enum ItemStatus
{
    /// <summary>达标: score = max.</summary>
    Met,
    /// <summary>部分达标: 0 &lt; score &lt; max.</summary>
    Partial,
    /// <summary>未达标: score 0 with evidence.</summary>
    NotMet,
    /// <summary>待核实: score 0 and nothing in the export bears on the item; flagged for a reviewer.</summary>
    NoEvidence,
    /// <summary>不适用: the item does not apply; it scores its max.</summary>
    NotApplicable,
    /// <summary>豁免: an approved waiver names it; it scores its max.</summary>
    Waived,
}

/// <summary>The grade of a unit.</summary>
public enum Grade
{
    /// <summary>优秀.</summary>
    Excellent,
    /// <summary>良好.</summary>
    Good,
    /// <summary>合格.</summary>
    Pass,
    /// <summary>不合格.</summary>
    Fail,
}

/// <summary>A sentence in Chinese and English, e.g. the explanation of a score with its numbers filled in.</summary>
public sealed record Explanation(string Zh, string En)
{
    /// <summary>The text in the given language ("zh" or "en").</summary>
    public string Text(string lang) => lang == "en" ? En : Zh;
}

/// <summary>What a rule concludes about one item before waivers: the rounded score, whether the item applies,
/// the explanation and the ids of the rows that counted.</summary>
public sealed record ItemOutcome(string ItemId, decimal Score, bool NotApplicable, Explanation Explanation, IReadOnlyList<string> Evidence);

/// <summary>What a veto rule concludes: whether it triggered, and why.</summary>
public sealed record VetoOutcome(string VetoId, bool Triggered, Explanation Explanation, IReadOnlyList<string> Evidence);

/// <summary>What a bonus rule concludes: the points (within the item's own limit) and why.</summary>
public sealed record BonusOutcome(string BonusId, decimal Points, Explanation Explanation, IReadOnlyList<string> Evidence);

/// <summary>One item of a scorecard.</summary>
public sealed record ItemResult(
    string Id,
    string Category,
    string TitleZh,
    string TitleEn,
    decimal Score,
    decimal Max,
    ItemStatus Status,
    Explanation Explanation,
    IReadOnlyList<string> Evidence,
    decimal ScoreWithoutWaiver,
    WaiverRow? Waiver)
{
    /// <summary>The title in the given language.</summary>
    public string Title(string lang) => lang == "en" ? TitleEn : TitleZh;
}

/// <summary>One category of a scorecard: the sum of its rounded items.</summary>
public sealed record CategoryResult(string Id, string TitleZh, string TitleEn, decimal Score, decimal Max)
{
    /// <summary>The title in the given language.</summary>
    public string Title(string lang) => lang == "en" ? TitleEn : TitleZh;
}

/// <summary>A triggered veto.</summary>
public sealed record VetoResult(string Id, string TitleZh, string TitleEn, Explanation Explanation, IReadOnlyList<string> Evidence)
{
    /// <summary>The title in the given language.</summary>
    public string Title(string lang) => lang == "en" ? TitleEn : TitleZh;
}

/// <summary>A bonus item that earned points.</summary>
public sealed record BonusResult(string Id, string TitleZh, string TitleEn, decimal Points, Explanation Explanation, IReadOnlyList<string> Evidence)
{
    /// <summary>The title in the given language.</summary>
    public string Title(string lang) => lang == "en" ? TitleEn : TitleZh;
}

/// <summary>The scored year of one unit: every item explained, categories, vetoes, bonus, waivers, totals and grade.</summary>
public sealed record Scorecard(
    string UnitId,
    string UnitName,
    int Year,
    string Profile,
    string RubricVersion,
    decimal Base,
    decimal Bonus,
    decimal Total,
    decimal TotalWithoutWaivers,
    Grade Grade,
    IReadOnlyList<VetoResult> Vetoes,
    IReadOnlyList<CategoryResult> Categories,
    IReadOnlyList<ItemResult> Items,
    IReadOnlyList<BonusResult> BonusItems,
    IReadOnlyList<WaiverRow> Waivers)
{
    /// <summary>The items flagged for a reviewer (待核实).</summary>
    public IEnumerable<ItemResult> NeedsReview => Items.Where(i => i.Status == ItemStatus.NoEvidence);
}

/// <summary>Labels of statuses and grades.</summary>
public static class Labels
{
    /// <summary>The JSON code of a grade: excellent, good, pass, fail.</summary>
    public static string Code(Grade g) => g switch
    {
        Grade.Excellent => "excellent",
        Grade.Good => "good",
        Grade.Pass => "pass",
        _ => "fail",
    };

    /// <summary>The label of a grade: 优秀 / excellent.</summary>
    public static string Label(Grade g, string lang) => lang == "en" ? Code(g) : g switch
    {
        Grade.Excellent => "优秀",
        Grade.Good => "良好",
        Grade.Pass => "合格",
        _ => "不合格",
    };

    /// <summary>The label of a status: 达标 / Met.</summary>
    public static string Label(ItemStatus s, string lang) => lang == "en" ? s.ToString() : s switch
    {
        ItemStatus.Met => "达标",
        ItemStatus.Partial => "部分达标",
        ItemStatus.NotMet => "未达标",
        ItemStatus.NoEvidence => "待核实",
        ItemStatus.NotApplicable => "不适用",
        _ => "豁免",
    };
}
