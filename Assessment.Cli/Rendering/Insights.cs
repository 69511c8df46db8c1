using Assessment.Core.Scoring;

namespace Assessment.Cli.Rendering;

/// <summary>What a committee reads across many scorecards: the ranking, grade counts, and the items most often lost.
/// Computed once here so that every format shows the same.</summary>
internal static class Insights
{
    /// <summary>Ranks scorecards by total, highest first; equal totals share a rank (1, 2, 2, 4) and keep input order.</summary>
    public static IReadOnlyList<(Scorecard Card, int Rank)> Rank(IReadOnlyList<Scorecard> cards)
    {
        var sorted = cards.Select((c, i) => (c, i)).OrderByDescending(x => x.c.Total).ThenBy(x => x.i).Select(x => x.c).ToArray();
        var ranked = new List<(Scorecard, int)>(sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            var rank = i > 0 && sorted[i].Total == sorted[i - 1].Total ? ranked[i - 1].Item2 : i + 1;
            ranked.Add((sorted[i], rank));
        }

        return ranked;
    }

    /// <summary>How many units got each grade, in grade order.</summary>
    public static IReadOnlyList<(Grade Grade, int Count)> GradeCounts(IReadOnlyList<Scorecard> cards) =>
        Enum.GetValues<Grade>().Select(g => (g, cards.Count(c => c.Grade == g))).ToArray();

    /// <summary>An item lost points in how many units, and how many points in all.</summary>
    public sealed record LostItem(string Id, string TitleZh, string TitleEn, decimal Max, int Units, decimal PointsLost)
    {
        /// <summary>The title in the given language.</summary>
        public string Title(string lang) => lang == "en" ? TitleEn : TitleZh;
    }

    /// <summary>The items most often scored below their max across units (after waivers), most units first, then
    /// most points lost, then rubric order.</summary>
    public static IReadOnlyList<LostItem> MostOftenLost(IReadOnlyList<Scorecard> cards, int count = 5) =>
        cards.SelectMany(c => c.Items.Select((item, order) => (item, order)))
            .Where(x => x.item.Score < x.item.Max)
            .GroupBy(x => x.item.Id)
            .Select(g => (Lost: new LostItem(g.Key, g.First().item.TitleZh, g.First().item.TitleEn, g.First().item.Max, g.Count(), g.Sum(x => x.item.Max - x.item.Score)), Order: g.Min(x => x.order)))
            .OrderByDescending(x => x.Lost.Units).ThenByDescending(x => x.Lost.PointsLost).ThenBy(x => x.Order)
            .Take(count)
            .Select(x => x.Lost)
            .ToArray();

    /// <summary>A scorecard with what a ranking of many units shows and counts (totals, grade, categories, vetoes' ids,
    /// items' scores, the comparison's deltas), without the explanations and evidence, which only a unit's breakdown
    /// shows: about two thirds of a scorecard's memory, kept for every unit until the ranking is drawn.</summary>
    public static Scorecard ForRanking(Scorecard s) => s with
    {
        Items = [.. s.Items.Select(i => i with { Explanation = None, Evidence = [] })],
        Vetoes = [.. s.Vetoes.Select(v => v with { Explanation = None, Evidence = [] })],
        BonusItems = [.. s.BonusItems.Select(b => b with { Explanation = None, Evidence = [] })],
    };

    private static readonly Explanation None = new("", "");
}
