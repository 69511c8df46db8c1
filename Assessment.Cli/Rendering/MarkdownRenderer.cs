using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Scoring;

namespace Assessment.Cli.Rendering;

/// <summary>The per-unit breakdown as Markdown tables, for pasting into reports; with many units a ranking first.</summary>
internal static class MarkdownRenderer
{
    /// <summary>Writes the report; with <paramref name="units"/>, the units' sections are copied from it (written there
    /// with <see cref="WriteUnit"/> as the units were scored) instead of rendered from the scorecards.</summary>
    public static void Write(TextWriter w, ScoreReport r, Spool? units = null)
    {
        var t = new Text(r.Lang);
        var lang = r.Lang;
        w.WriteLine($"# {t.ReportTitle}");
        w.WriteLine();
        w.WriteLine($"{t.AsOf}: {ValueParser.Format(r.AsOf)}" + (r.Comparison is null ? "" : $"; {t.ComparedTo(r.Comparison.PreviousFile, r.Comparison.PreviousAsOf)}"));
        w.WriteLine();
        if (r.Scorecards.Count > 1)
        {
            var cats = r.Scorecards[0].Categories;
            w.WriteLine($"## {t.Summary}");
            w.WriteLine();
            var head = new List<string> { t.Rank, t.Unit, t.Total, t.Grade };
            head.AddRange(cats.Select(c => $"{c.Id}/{N(c.Max)}"));
            if (r.Comparison is not null)
            {
                head.Add(t.Change);
            }

            Row(w, head);
            Row(w, head.Select((_, i) => i is 0 or 2 or >= 4 ? "---:" : "---"));
            foreach (var (c, rank) in Insights.Rank(r.Scorecards))
            {
                var cells = new List<string> { rank.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{MarkdownText.Literal(c.UnitName)} ({MarkdownText.Literal(c.UnitId)})", N(c.Total), Grade(c, lang) };
                cells.AddRange(c.Categories.Select(x => N(x.Score)));
                if (r.Comparison is not null)
                {
                    cells.Add(r.Comparison.Deltas.TryGetValue(c.UnitId, out var d) ? UnitDelta.Signed(d.Total) : t.Added);
                }

                Row(w, cells);
            }

            w.WriteLine();
            w.WriteLine($"{t.GradeDistribution}: " + string.Join(", ", Insights.GradeCounts(r.Scorecards).Select(g => $"{Labels.Label(g.Grade, lang)} {g.Count}")));
            w.WriteLine();
            w.WriteLine($"### {t.MostLost}");
            w.WriteLine();
            Row(w, [t.Item, t.Title, t.UnitsLosing, t.PointsLost]);
            Row(w, ["---", "---", "---:", "---:"]);
            foreach (var x in Insights.MostOftenLost(r.Scorecards))
            {
                Row(w, [x.Id, x.Title(lang), $"{x.Units}/{r.Scorecards.Count}", N(x.PointsLost)]);
            }

            w.WriteLine();
        }

        if (units is not null)
        {
            units.CopyTo(w);
        }
        else
        {
            foreach (var c in r.Scorecards)
            {
                WriteUnit(w, c, t, r.Comparison?.Deltas.GetValueOrDefault(c.UnitId));
            }
        }

        WriteProblems(w, r, t);
    }

    /// <summary>One unit's section: its headline, change, item table, vetoes, bonus, waivers and the items needing
    /// review.</summary>
    public static void WriteUnit(TextWriter w, Scorecard s, Text t, UnitDelta? delta)
    {
        var lang = t.Lang;
        w.WriteLine($"## {MarkdownText.Literal(s.UnitName)} ({MarkdownText.Literal(s.UnitId)})");
        w.WriteLine();
        w.WriteLine($"{t.Year} {s.Year} · {t.Profile} {s.Profile} · {t.Total} **{N(s.Total)}** = {t.Base} {N(s.Base)} + {t.BonusWord} {N(s.Bonus)} · {t.Grade} **{Grade(s, lang)}**"
            + (s.TotalWithoutWaivers != s.Total ? $" · {t.WithoutWaivers} {N(s.TotalWithoutWaivers)}" : ""));
        if (delta is { } d)
        {
            w.WriteLine();
            w.WriteLine(d.Describe(t));
        }

        w.WriteLine();
        Row(w, [t.Item, t.Title, t.Score, t.Status, t.Explanation]);
        Row(w, ["---", "---", "---:", "---", "---"]);
        foreach (var cat in s.Categories)
        {
            Row(w, [$"**{cat.Id}**", $"**{cat.Title(lang)}**", $"**{N(cat.Score)}/{N(cat.Max)}**", "", ""]);
            foreach (var i in s.Items.Where(i => i.Category == cat.Id))
            {
                Row(w, [i.Id, i.Title(lang), $"{N(i.Score)}/{N(i.Max)}", Labels.Label(i.Status, lang), MarkdownText.Literal(i.Explanation.Text(lang))]);
            }
        }

        w.WriteLine();
        w.WriteLine($"- {t.Vetoes}: " + (s.Vetoes.Count == 0 ? t.None : string.Join("; ", s.Vetoes.Select(v => $"{v.Id} {v.Title(lang)} — {MarkdownText.Literal(v.Explanation.Text(lang))}"))));
        w.WriteLine($"- {t.BonusWord}: " + (s.BonusItems.Count == 0 ? t.None : string.Join("; ", s.BonusItems.Select(b => $"{b.Id} +{N(b.Points)} {MarkdownText.Literal(b.Explanation.Text(lang))}"))));
        w.WriteLine($"- {t.Waivers}: " + (s.Waivers.Count == 0 ? t.None : string.Join("; ", s.Waivers.Select(x =>
            $"{x.ItemId} {MarkdownText.Literal(x.Justification)} ({t.ApprovedBy} {MarkdownText.Literal(x.ApprovedBy)}, {t.Expires} {(x.Expires is { } e ? ValueParser.Format(e) : t.Never)})"))));
        var review = s.NeedsReview.ToArray();
        w.WriteLine($"- {t.NeedsReview}: " + (review.Length == 0 ? t.None : string.Join(", ", review.Select(i => $"{i.Id} {i.Title(lang)}"))));
        w.WriteLine();
    }

    private static void WriteProblems(TextWriter w, ScoreReport r, Text t)
    {
        if (r.Comparison is { } c && (c.Added.Count > 0 || c.Removed.Count > 0))
        {
            w.WriteLine($"- {t.Added}: " + (c.Added.Count == 0 ? t.None : string.Join(", ", c.Added.Select(a => MarkdownText.Literal(a.UnitId)))));
            w.WriteLine($"- {t.Removed}: " + (c.Removed.Count == 0 ? t.None : string.Join(", ", c.Removed.Select(a => MarkdownText.Literal(a.UnitId)))));
            w.WriteLine();
        }

        if (r.InvalidUnits.Count == 0 && r.Export.Diagnostics.Count == 0)
        {
            return;
        }

        w.WriteLine($"## {t.Errors} / {t.Warnings}");
        w.WriteLine();
        if (r.InvalidUnits.Count > 0)
        {
            w.WriteLine($"{t.InvalidUnits}: {string.Join(", ", r.InvalidUnits.Select(u => MarkdownText.Literal(u.UnitId)))}");
            w.WriteLine();
        }

        foreach (var d in r.Export.Diagnostics.OrderBy(d => d.Severity == Severity.Warning))
        {
            w.WriteLine($"- {DiagnosticsRenderer.Tag(d.Severity, t)} {MarkdownText.Literal(d.Format(t.Lang))}"); // the message names file and line
        }

        w.WriteLine();
    }

    private static string Grade(Scorecard c, string lang) =>
        Labels.Label(c.Grade, lang) + (c.Vetoes.Count > 0 ? " (" + string.Join(", ", c.Vetoes.Select(v => v.Id)) + ")" : "");

    private static void Row(TextWriter w, IEnumerable<string> cells) => w.WriteLine("| " + string.Join(" | ", cells.Select(Escape)) + " |");

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");


    private static string N(decimal d) => Numbers.Format(d);

}
