using Assessment.Core.Model;

namespace Assessment.Core.Scoring;

/// <summary>Turns the outcomes of the rules into a scorecard: derives statuses, applies waivers, adds up, grades.
/// Pure: the same outcomes and as-of date give the same scorecard.</summary>
internal static class ScorecardBuilder
{
    /// <summary>Derives an item's status in the spec's order of precedence: Waived, NotApplicable, Met, Partial, NotMet, NoEvidence.</summary>
    public static ItemStatus DeriveStatus(decimal score, decimal max, bool notApplicable, bool waived, bool hasEvidence) =>
        waived ? ItemStatus.Waived
        : notApplicable ? ItemStatus.NotApplicable
        : score == max ? ItemStatus.Met
        : score > 0 ? ItemStatus.Partial
        : hasEvidence ? ItemStatus.NotMet
        : ItemStatus.NoEvidence;

    /// <summary>Whether a waiver applies on the as-of date: no expiry, or expiry on or after it.</summary>
    public static bool Applies(WaiverRow waiver, DateOnly asOf) => waiver.Expires is not { } e || e >= asOf;

    /// <summary>Builds the scorecard of one unit.</summary>
    /// <param name="rubric">The rubric the unit was scored against.</param>
    /// <param name="unit">The unit's row.</param>
    /// <param name="items">One outcome per rubric item (any order).</param>
    /// <param name="vetoes">One outcome per veto.</param>
    /// <param name="bonus">One outcome per bonus item.</param>
    /// <param name="waivers">The unit's waivers (own and every-unit rows); expired ones are ignored.</param>
    /// <param name="asOf">The date waiver expiry is judged on.</param>
    public static Scorecard Build(Rubric rubric, UnitRow unit, IEnumerable<ItemOutcome> items, IEnumerable<VetoOutcome> vetoes,
        IEnumerable<BonusOutcome> bonus, IEnumerable<WaiverRow> waivers, DateOnly asOf)
    {
        var byId = items.ToDictionary(o => o.ItemId);
        var active = waivers.Where(w => Applies(w, asOf)).GroupBy(w => w.ItemId).ToDictionary(g => g.Key, g => g.First());
        var results = new List<ItemResult>(rubric.Items.Count);
        foreach (var item in rubric.Items)
        {
            var o = byId.TryGetValue(item.Id, out var x) ? x : throw new RubricException($"no result for item {item.Id}");
            var unwaived = o.NotApplicable ? item.Max : o.Score;
            active.TryGetValue(item.Id, out var waiver);
            var score = waiver is not null ? item.Max : unwaived;
            var status = DeriveStatus(o.Score, item.Max, o.NotApplicable, waiver is not null, o.Evidence.Count > 0);
            results.Add(new ItemResult(item.Id, item.Category, item.TitleZh, item.TitleEn, score, item.Max, status,
                o.Explanation, o.Evidence, unwaived, waiver));
        }

        var categories = new CategoryResult[rubric.Categories.Count];
        for (var k = 0; k < categories.Length; k++)
        {
            var c = rubric.Categories[k];
            var sum = 0m;
            foreach (var r in results)
            {
                sum += r.Category == c.Id ? r.Score : 0;
            }

            categories[k] = new CategoryResult(c.Id, c.TitleZh, c.TitleEn, sum, c.Max);
        }
        var vetoById = vetoes.ToDictionary(v => v.VetoId);
        var triggered = rubric.Vetoes.Where(v => vetoById.TryGetValue(v.Id, out var o) && o.Triggered)
            .Select(v => new VetoResult(v.Id, v.TitleZh, v.TitleEn, vetoById[v.Id].Explanation, vetoById[v.Id].Evidence))
            .ToArray();
        var bonusById = bonus.ToDictionary(b => b.BonusId);
        var earned = rubric.Bonus.Where(b => bonusById.TryGetValue(b.Id, out var o) && o.Points > 0)
            .Select(b => new BonusResult(b.Id, b.TitleZh, b.TitleEn, bonusById[b.Id].Points, bonusById[b.Id].Explanation, bonusById[b.Id].Evidence))
            .ToArray();

        var baseScore = results.Sum(r => r.Score);
        var bonusPoints = Math.Min(rubric.BonusCap, earned.Sum(b => b.Points));
        var total = baseScore + bonusPoints;
        var withoutWaivers = results.Sum(r => r.ScoreWithoutWaiver) + bonusPoints;
        var grade = GradeOf(rubric.Grades, total, categories, triggered.Length > 0);
        var applied = results.Where(r => r.Waiver is not null).Select(r => r.Waiver!).ToArray();

        return new Scorecard(unit.UnitId, unit.UnitName, unit.Year, rubric.Id, rubric.Version, baseScore, bonusPoints, total,
            withoutWaivers, grade, triggered, categories, results, earned, applied);
    }

    /// <summary>The grade: any veto fails; else excellent needs the total and every category at its floor; then good, pass.</summary>
    public static Grade GradeOf(GradeBands bands, decimal total, IReadOnlyList<CategoryResult> categories, bool vetoed)
    {
        if (vetoed)
        {
            return Grade.Fail;
        }

        if (total >= bands.Excellent && categories.All(c => c.Score >= bands.CategoryFloor * c.Max))
        {
            return Grade.Excellent;
        }

        return total >= bands.Good ? Grade.Good : total >= bands.Pass ? Grade.Pass : Grade.Fail;
    }
}
