using System.Globalization;
using System.Net;
using System.Text;
using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Scoring;

namespace Assessment.Cli.Rendering;

/// <summary>One standalone HTML file a committee can hand round: no external assets, works offline. A sortable
/// ranking, the grade distribution and the items most often lost; per unit a category chart (inline SVG), the item
/// table with explanations, vetoes, bonus, waivers and the items needing review. Written as well-formed XHTML so
/// that tools (and our tests) can parse it.</summary>
internal static class HtmlRenderer
{
    /// <summary>Writes the report; with <paramref name="units"/>, the units' sections are copied from it (written there
    /// with <see cref="WriteUnit"/> as the units were scored) instead of rendered from the scorecards.</summary>
    public static void Write(TextWriter w, ScoreReport r, Spool? units = null)
    {
        var t = new Text(r.Lang);
        var lang = r.Lang;
        var cards = r.Scorecards;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n");
        sb.Append($"<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{(lang == "en" ? "en" : "zh-CN")}\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        sb.Append($"<title>{E(t.ReportTitle)}</title>\n<style>{Css}</style>\n</head>\n<body>\n");
        sb.Append($"<h1>{E(t.ReportTitle)}</h1>\n<p class=\"meta\">{E(t.AsOf)}: {ValueParser.Format(r.AsOf)} · {E(t.Units)}: {cards.Count}");
        if (r.Comparison is not null)
        {
            sb.Append($" · {E(t.ComparedTo(r.Comparison.PreviousFile, r.Comparison.PreviousAsOf))}");
        }

        sb.Append("</p>\n");
        if (cards.Count > 0)
        {
            Summary(sb, r, t);
        }

        // The page is written as it is built, a unit or a thousand problems at a time: held whole, 20,000 units made a
        // builder of about 600 MB and a string as large again.
        void Flush()
        {
            w.Write(sb);
            sb.Clear();
        }

        Flush();
        if (units is not null)
        {
            units.CopyTo(w);
        }
        else
        {
            foreach (var c in cards)
            {
                Unit(sb, c, t, r.Comparison?.Deltas.GetValueOrDefault(c.UnitId));
                Flush();
            }
        }

        Problems(sb, r, t, Flush);
        sb.Append("<script>//<![CDATA[\n").Append(Script).Append("\n//]]></script>\n</body>\n</html>\n");
        Flush();
    }

    private static void Summary(StringBuilder sb, ScoreReport r, Text t)
    {
        var lang = t.Lang;
        var cards = r.Scorecards;
        sb.Append($"<section id=\"summary\">\n<h2>{E(t.Summary)}</h2>\n<table id=\"ranking\" class=\"sortable\">\n<thead><tr>");
        sb.Append($"<th data-type=\"num\">{E(t.Rank)}</th><th>{E(t.Unit)}</th><th data-type=\"num\">{E(t.Total)}</th><th>{E(t.Grade)}</th>");
        foreach (var c in cards[0].Categories)
        {
            sb.Append($"<th data-type=\"num\" title=\"{E(c.Title(lang))}\">{E(c.Id)}/{N(c.Max)}</th>");
        }

        if (r.Comparison is not null)
        {
            sb.Append($"<th data-type=\"num\">{E(t.Change)}</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var (c, rank) in Insights.Rank(cards))
        {
            sb.Append($"<tr data-unit=\"{E(c.UnitId)}\" data-total=\"{N(c.Total)}\" data-grade=\"{Labels.Code(c.Grade)}\">");
            sb.Append($"<td>{rank}</td><td><a href=\"#unit-{E(c.UnitId)}\">{E(c.UnitName)}</a> <span class=\"id\">{E(c.UnitId)}</span></td>");
            sb.Append($"<td>{N(c.Total)}</td><td class=\"grade g-{Labels.Code(c.Grade)}\">{E(Labels.Label(c.Grade, lang))}{Vetoes(c)}</td>");
            foreach (var cat in c.Categories)
            {
                sb.Append($"<td data-category=\"{E(cat.Id)}\">{N(cat.Score)}</td>");
            }

            if (r.Comparison is not null)
            {
                sb.Append(r.Comparison.Deltas.TryGetValue(c.UnitId, out var d) ? $"<td>{UnitDelta.Signed(d.Total)}</td>" : $"<td data-sort=\"-9999\">{E(t.Added)}</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        if (r.Comparison is { } cmp && (cmp.Added.Count > 0 || cmp.Removed.Count > 0))
        {
            // Beside the ranking, as the table output has them; not among the errors and warnings.
            sb.Append($"<p class=\"meta\" id=\"added\">{E(t.Added)}: {E(cmp.Added.Count == 0 ? t.None : string.Join(", ", cmp.Added.Select(a => a.UnitId)))}</p>\n");
            sb.Append($"<p class=\"meta\" id=\"removed\">{E(t.Removed)}: {E(cmp.Removed.Count == 0 ? t.None : string.Join(", ", cmp.Removed.Select(a => a.UnitId)))}</p>\n");
        }

        sb.Append("<div class=\"row\">\n<figure>\n");
        sb.Append($"<figcaption>{E(t.GradeDistribution)}</figcaption>\n");
        GradeChart(sb, Insights.GradeCounts(cards), lang);
        sb.Append("</figure>\n<div>\n");
        sb.Append($"<h3>{E(t.MostLost)}</h3>\n<table id=\"weakest\">\n<thead><tr><th>{E(t.Item)}</th><th>{E(t.Title)}</th><th>{E(t.UnitsLosing)}</th><th>{E(t.PointsLost)}</th></tr></thead>\n<tbody>\n");
        foreach (var x in Insights.MostOftenLost(cards))
        {
            sb.Append($"<tr data-item=\"{E(x.Id)}\"><td>{E(x.Id)}</td><td>{E(x.Title(lang))}</td><td>{x.Units}/{cards.Count}</td><td>{N(x.PointsLost)}</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n</div>\n</div>\n</section>\n");
    }

    /// <summary>One unit's section: its headline, change, category chart, items, vetoes, bonus, waivers and the items
    /// needing review.</summary>
    public static void WriteUnit(TextWriter w, Scorecard s, Text t, UnitDelta? delta)
    {
        var sb = new StringBuilder();
        Unit(sb, s, t, delta);
        w.Write(sb);
    }

    private static void Unit(StringBuilder sb, Scorecard s, Text t, UnitDelta? delta)
    {
        var lang = t.Lang;
        sb.Append($"<section class=\"unit\" id=\"unit-{E(s.UnitId)}\" data-unit=\"{E(s.UnitId)}\" data-total=\"{N(s.Total)}\">\n");
        sb.Append($"<h2>{E(s.UnitName)} <span class=\"id\">{E(s.UnitId)}</span></h2>\n");
        sb.Append($"<p class=\"headline\">{E(t.Year)} {s.Year} · {E(t.Profile)} {E(s.Profile)} · {E(t.Total)} <strong>{N(s.Total)}</strong> = {E(t.Base)} {N(s.Base)} + {E(t.BonusWord)} {N(s.Bonus)} · ");
        sb.Append($"{E(t.Grade)} <strong class=\"grade g-{Labels.Code(s.Grade)}\">{E(Labels.Label(s.Grade, lang))}{Vetoes(s)}</strong>");
        if (s.TotalWithoutWaivers != s.Total)
        {
            sb.Append($" · {E(t.WithoutWaivers)} {N(s.TotalWithoutWaivers)}");
        }

        sb.Append("</p>\n");
        if (delta is { } d)
        {
            sb.Append($"<p class=\"delta\">{E(d.Describe(t))}</p>\n");
        }

        CategoryChart(sb, s, lang);
        sb.Append($"<table class=\"items\">\n<thead><tr><th>{E(t.Item)}</th><th>{E(t.Title)}</th><th>{E(t.Score)}</th><th>{E(t.Status)}</th><th>{E(t.Explanation)}</th></tr></thead>\n<tbody>\n");
        foreach (var cat in s.Categories)
        {
            sb.Append($"<tr class=\"category\"><td>{E(cat.Id)}</td><td>{E(cat.Title(lang))}</td><td>{N(cat.Score)}/{N(cat.Max)}</td><td></td><td></td></tr>\n");
            foreach (var i in s.Items.Where(i => i.Category == cat.Id))
            {
                sb.Append($"<tr data-item=\"{E(i.Id)}\" data-score=\"{N(i.Score)}\" data-status=\"{i.Status}\"><td>{E(i.Id)}</td><td>{E(i.Title(lang))}</td><td>{N(i.Score)}/{N(i.Max)}</td>");
                sb.Append($"<td class=\"s-{i.Status}\">{E(Labels.Label(i.Status, lang))}</td><td>{E(i.Explanation.Text(lang))}");
                if (i.Evidence.Count > 0)
                {
                    sb.Append($"<details><summary>{E(t.Evidence)} ({i.Evidence.Count})</summary>{E(string.Join(", ", i.Evidence))}</details>");
                }

                sb.Append("</td></tr>\n");
            }
        }

        sb.Append("</tbody>\n</table>\n<ul class=\"notes\">\n");
        sb.Append($"<li>{E(t.Vetoes)}: {(s.Vetoes.Count == 0 ? E(t.None) : string.Join("; ", s.Vetoes.Select(v => $"<span class=\"veto\">{E(v.Id)} {E(v.Title(lang))}</span> — {E(v.Explanation.Text(lang))}")))}</li>\n");
        sb.Append($"<li>{E(t.BonusWord)}: {(s.BonusItems.Count == 0 ? E(t.None) : E(string.Join("; ", s.BonusItems.Select(b => $"{b.Id} +{N(b.Points)} {b.Explanation.Text(lang)}"))))}</li>\n");
        sb.Append($"<li>{E(t.Waivers)}: {(s.Waivers.Count == 0 ? E(t.None) : E(string.Join("; ", s.Waivers.Select(x => $"{x.ItemId} {x.Justification} ({t.ApprovedBy} {x.ApprovedBy}, {t.Expires} {(x.Expires is { } e ? ValueParser.Format(e) : t.Never)})"))))}</li>\n");
        var review = s.NeedsReview.ToArray();
        sb.Append($"<li class=\"review\">{E(t.NeedsReview)}: {(review.Length == 0 ? E(t.None) : E(string.Join(", ", review.Select(i => $"{i.Id} {i.Title(lang)}"))))}</li>\n");
        sb.Append("</ul>\n</section>\n");
    }

    private static void Problems(StringBuilder sb, ScoreReport r, Text t, Action flush)
    {
        if (r.InvalidUnits.Count == 0 && r.Export.Diagnostics.Count == 0)
        {
            return;
        }

        sb.Append($"<section id=\"problems\">\n<h2>{E(t.Errors)} / {E(t.Warnings)}</h2>\n");
        if (r.InvalidUnits.Count > 0)
        {
            sb.Append($"<p>{E(t.InvalidUnits)}: {E(string.Join(", ", r.InvalidUnits.Select(u => u.UnitId)))}</p>\n");
        }

        sb.Append("<ul>\n");
        var n = 0;
        foreach (var d in r.Export.Diagnostics.OrderBy(d => d.Severity == Severity.Warning))
        {
            sb.Append($"<li class=\"{(d.Severity == Severity.Warning ? "warning" : "error")}\">{E(DiagnosticsRenderer.Tag(d.Severity, t))} {E(d.Format(t.Lang))}</li>\n");
            if (++n % 1000 == 0)
            {
                flush();
            }
        }

        sb.Append("</ul>\n</section>\n");
    }

    /// <summary>Horizontal bars, one per category: its score against its max. The bars begin after the longest label,
    /// so that English titles ("ZT Primary responsibility of the committee") are not cut off by them.</summary>
    private static void CategoryChart(StringBuilder sb, Scorecard s, string lang)
    {
        const int barW = 360, rowH = 26;
        var labels = s.Categories.Select(c => $"{c.Id} {c.Title(lang)}").ToList();
        var barX = Math.Max(190, labels.Max(LabelWidth) + 12);
        var width = barX + barW + 90;
        var height = s.Categories.Count * rowH + 10;
        sb.Append($"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">\n");
        for (var i = 0; i < s.Categories.Count; i++)
        {
            var c = s.Categories[i];
            var y = 5 + i * rowH;
            var share = c.Max == 0 ? 0 : c.Score / c.Max;
            var w = (int)Math.Round(barW * share, MidpointRounding.AwayFromZero);
            var colour = share >= 0.9m ? "#2e7d32" : share >= 0.6m ? "#f9a825" : "#c62828";
            sb.Append($"<text x=\"0\" y=\"{y + 16}\" class=\"label\">{E(labels[i])}</text>");
            sb.Append($"<rect x=\"{barX}\" y=\"{y + 3}\" width=\"{barW}\" height=\"18\" fill=\"#eeeeee\"/>");
            sb.Append($"<rect x=\"{barX}\" y=\"{y + 3}\" width=\"{w}\" height=\"18\" fill=\"{colour}\"/>");
            sb.Append($"<text x=\"{barX + barW + 8}\" y=\"{y + 16}\" class=\"value\">{N(c.Score)}/{N(c.Max)}</text>\n");
        }

        sb.Append("</svg>\n");
    }

    /// <summary>Vertical bars, one per grade: how many units got it.</summary>
    private static void GradeChart(StringBuilder sb, IReadOnlyList<(Grade Grade, int Count)> counts, string lang)
    {
        const int h = 160, barW = 60, gap = 30;
        var most = Math.Max(1, counts.Max(c => c.Count));
        sb.Append($"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{counts.Count * (barW + gap) + gap}\" height=\"{h + 50}\" role=\"img\">\n");
        for (var i = 0; i < counts.Count; i++)
        {
            var (grade, count) = counts[i];
            var bh = (int)Math.Round((double)h * count / most);
            var x = gap + i * (barW + gap);
            sb.Append($"<rect x=\"{x}\" y=\"{h - bh + 20}\" width=\"{barW}\" height=\"{bh}\" class=\"g-{Labels.Code(grade)}\"/>");
            sb.Append($"<text x=\"{x + barW / 2}\" y=\"{h - bh + 14}\" text-anchor=\"middle\" class=\"value\">{count}</text>");
            sb.Append($"<text x=\"{x + barW / 2}\" y=\"{h + 40}\" text-anchor=\"middle\" class=\"label\">{E(Labels.Label(grade, lang))}</text>\n");
        }

        sb.Append("</svg>\n");
    }

    /// <summary>A generous width of a label at the charts' 13 px: a full-width (CJK) character is 13 px, any other at
    /// most 8.5 px in the sans-serif fonts the page names (their capitals are the widest).</summary>
    private static int LabelWidth(string label) =>
        (int)Math.Ceiling(label.Sum(ch => ch >= '\u2E80' ? 13.0 : 8.5));

    private static string Vetoes(Scorecard c) => c.Vetoes.Count == 0 ? "" : $" <span class=\"veto\">({E(string.Join(", ", c.Vetoes.Select(v => v.Id)))})</span>";

    /// <summary>Text for the page: HTML-escaped, with control characters shown as in the terminal's output
    /// (<see cref="PlainText.Printable"/>: an escape sequence from a unit's name would be obeyed by a terminal that is
    /// shown the file, and is a parse error in HTML, as are the noncharacters U+FFFE and U+FFFF, shown as �).</summary>
    private static string E(string s) => WebUtility.HtmlEncode(PlainText.Printable(s).Replace('\uFFFE', '\uFFFD').Replace('\uFFFF', '\uFFFD'));

    private static string N(decimal d) => Numbers.Format(d);

    private const string Css = """
        body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222;max-width:1200px}
        h1{font-size:24px}h2{font-size:20px;border-bottom:2px solid #b71c1c;padding-bottom:4px;margin-top:32px}
        table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
        th{background:#f5f5f5}table.sortable th{cursor:pointer}table.sortable th:hover{background:#e0e0e0}
        td:nth-child(n+3),table.items td:first-child{white-space:nowrap}table.items td:last-child{white-space:normal}
        tr.category td{background:#fafafa;font-weight:bold}.id{color:#777;font-size:12px}.meta{color:#555}
        .g-excellent{color:#1b5e20;fill:#2e7d32}.g-good{color:#0d47a1;fill:#1565c0}.g-pass{color:#e65100;fill:#f9a825}.g-fail{color:#b71c1c;fill:#c62828}
        .s-Met,.s-NotApplicable,.s-Waived{color:#2e7d32}.s-Partial{color:#e65100}.s-NotMet{color:#c62828}.s-NoEvidence{color:#6a1b9a;font-weight:bold}
        .veto{color:#b71c1c;font-weight:bold}.row{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-start}
        svg text{font-size:13px;fill:#333}.delta{background:#fffde7;padding:4px 8px}li.error{color:#b71c1c}li.warning{color:#8d6e00}
        details{display:inline;color:#555;font-size:12px;margin-left:6px}
        """;

    private const string Script = """
        document.querySelectorAll('table.sortable').forEach(function (table) {
          table.querySelectorAll('th').forEach(function (th, col) {
            th.addEventListener('click', function () {
              var numeric = th.getAttribute('data-type') === 'num';
              var asc = th.getAttribute('data-dir') !== 'asc';
              table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('data-dir'); });
              th.setAttribute('data-dir', asc ? 'asc' : 'desc');
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              var key = function (row) {
                var cell = row.cells[col];
                var v = cell.getAttribute('data-sort') || cell.textContent.trim();
                return numeric ? parseFloat(v) : v;
              };
              rows.sort(function (a, b) {
                var x = key(a), y = key(b);
                var c = numeric ? x - y : String(x).localeCompare(String(y), 'zh-CN');
                return asc ? c : -c;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        });
        """;
}
