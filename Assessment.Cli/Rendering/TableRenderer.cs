using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Scoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assessment.Cli.Rendering;

/// <summary>The default output: for one unit the full breakdown, for many a ranking; then the errors.
/// Drawn with Spectre.Console: rounded boxes and colour on a terminal, plain ASCII when redirected.</summary>
internal static class TableRenderer
{
    /// <summary>Writes the report. When the output is not a terminal, the plain parts (the ranking, the problem lines)
    /// are written by this class as Spectre.Console would write them, which is faster; <paramref name="spectreOnly"/>
    /// leaves every part to Spectre (the tests compare the two).</summary>
    public static void Write(TextWriter w, ScoreReport r, bool terminal, int width = 160, bool spectreOnly = false)
    {
        var plain = terminal || spectreOnly ? null : w;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(w),
        });
        console.Profile.Width = terminal ? Math.Max(console.Profile.Width, 100) : width;
        var border = terminal ? TableBorder.Rounded : TableBorder.Ascii;
        var t = new Text(r.Lang);

        if (r.Scorecards.Count == 1)
        {
            WriteUnit(console, r.Scorecards[0], t, border);
            if (r.Comparison is not null && r.Comparison.Deltas.TryGetValue(r.Scorecards[0].UnitId, out var d))
            {
                console.MarkupLine(E(d.Describe(t)));
            }
        }
        else if (r.Scorecards.Count > 1)
        {
            WriteRanking(console, r, t, border, plain);
        }
        else if (r.InvalidUnits.Count == 0 && !r.Export.HasFileErrors)
        {
            console.MarkupLine(E(t.NoUnits)); // say so, rather than print nothing
        }

        WriteProblems(console, r, t, plain);
    }

    private static void WriteUnit(IAnsiConsole c, Scorecard s, Text t, TableBorder border)
    {
        var lang = t.Lang;
        c.MarkupLine($"[bold]{E(s.UnitName)}[/] ({E(s.UnitId)})  {t.Year} {s.Year}  {t.Profile} {E(s.Profile)}");
        c.MarkupLine($"{t.Total} [bold]{N(s.Total)}[/] = {t.Base} {N(s.Base)} + {t.BonusWord} {N(s.Bonus)}  {t.Grade} [bold]{E(Labels.Label(s.Grade, lang))}[/]"
            + (s.TotalWithoutWaivers != s.Total ? $"  ({t.WithoutWaivers} {N(s.TotalWithoutWaivers)})" : ""));
        foreach (var cat in s.Categories)
        {
            var table = new Table().Border(border).Title($"{cat.Id} {E(cat.Title(lang))}  {N(cat.Score)}/{N(cat.Max)}");
            table.AddColumn(t.Item).AddColumn(t.Title).AddColumn(new TableColumn(t.Score).RightAligned()).AddColumn(t.Status).AddColumn(t.Explanation);
            foreach (var i in s.Items.Where(i => i.Category == cat.Id))
            {
                table.AddRow(new IRenderable[]
                {
                    new Markup(E(i.Id)), new Markup(E(i.Title(lang))), new Markup($"{N(i.Score)}/{N(i.Max)}"),
                    new Markup(Status(i.Status, lang)), new Markup(E(i.Explanation.Text(lang))),
                });
            }

            c.Write(table);
        }

        c.MarkupLine($"{t.Vetoes}: " + (s.Vetoes.Count == 0 ? t.None : string.Join("; ", s.Vetoes.Select(v => $"[red]{v.Id} {E(v.Title(lang))}[/] — {E(v.Explanation.Text(lang))}"))));
        c.MarkupLine($"{t.BonusWord}: " + (s.BonusItems.Count == 0 ? t.None : string.Join("; ", s.BonusItems.Select(b => $"{b.Id} +{N(b.Points)} {E(b.Explanation.Text(lang))}"))));
        c.MarkupLine($"{t.Waivers}: " + (s.Waivers.Count == 0 ? t.None : string.Join("; ", s.Waivers.Select(w =>
            $"{w.ItemId} {E(w.Justification)} ({t.ApprovedBy} {E(w.ApprovedBy)}, {t.Expires} {(w.Expires is { } d ? ValueParser.Format(d) : t.Never)})"))));
        var review = s.NeedsReview.ToArray();
        c.MarkupLine($"{t.NeedsReview}: " + (review.Length == 0 ? t.None : string.Join(", ", review.Select(i => $"[yellow]{i.Id} {E(i.Title(lang))}[/]"))));
    }

    private static void WriteRanking(IAnsiConsole c, ScoreReport r, Text t, TableBorder border, TextWriter? plain)
    {
        var lang = t.Lang;
        var cards = r.Scorecards;
        var columns = new List<(string Header, bool Right)> { (t.Rank, true), (t.Unit, false), (t.Total, true), (t.Grade, false) };
        columns.AddRange(cards[0].Categories.Select(cat => ($"{cat.Id}/{N(cat.Max)}", true)));
        if (r.Comparison is not null)
        {
            columns.Add((t.Change, true));
        }

        // Each row's cells as plain text; the vetoes after the grade apart, since a terminal shows them in red.
        var rows = new List<(string[] Cells, string? Vetoes)>(cards.Count);
        foreach (var (card, rank) in Insights.Rank(cards))
        {
            var cells = new string[columns.Count];
            var vetoes = card.Vetoes.Count > 0 ? "(" + string.Join(",", card.Vetoes.Select(v => v.Id)) + ")" : null;
            cells[0] = rank.ToString(System.Globalization.CultureInfo.InvariantCulture);
            cells[1] = $"{card.UnitName} ({card.UnitId})";
            cells[2] = N(card.Total);
            cells[3] = Labels.Label(card.Grade, lang) + (vetoes is null ? "" : " " + vetoes);
            var k = 4;
            foreach (var x in card.Categories)
            {
                cells[k++] = N(x.Score);
            }

            if (r.Comparison is not null)
            {
                cells[k] = r.Comparison.Deltas.TryGetValue(card.UnitId, out var d)
                    ? UnitDelta.Signed(d.Total) + (d.GradeChanged ? $" ({d.Previous.Grade}→{Labels.Code(d.Current.Grade)})" : "")
                    : t.Added;
            }

            rows.Add((cells, vetoes));
        }

        // Redirected output has no colour: a table Spectre.Console would draw without wrapping anything is drawn here
        // (laying out 20,000 rows took Spectre about 3 s); anything else is left to Spectre.
        if (plain is null || border != TableBorder.Ascii || !PlainTable.TryWrite(plain, columns, rows.Select(x => x.Cells), c.Profile.Width))
        {
            var table = new Table().Border(border);
            foreach (var (header, right) in columns)
            {
                table.AddColumn(right ? new TableColumn(header).RightAligned() : new TableColumn(header));
            }

            foreach (var (cells, vetoes) in rows)
            {
                table.AddRow(cells.Select((text, i) => (IRenderable)new Markup(i == 3 && vetoes is not null
                    ? E(text[..^(vetoes.Length + 1)]) + " [red]" + E(vetoes) + "[/]"
                    : E(text))));
            }

            c.Write(table);
        }
        var counts = Insights.GradeCounts(cards).Select(g => $"{Labels.Label(g.Grade, lang)} {g.Count}");
        c.MarkupLine($"{t.Summary}: {E(string.Join(", ", counts))}");
        var lost = new Table().Border(border).Title(E(t.MostLost));
        lost.AddColumn(t.Item).AddColumn(t.Title).AddColumn(new TableColumn(t.UnitsLosing).RightAligned()).AddColumn(new TableColumn(t.PointsLost).RightAligned());
        foreach (var x in Insights.MostOftenLost(cards))
        {
            lost.AddRow(E(x.Id), E(x.Title(lang)), $"{x.Units}/{cards.Count}", N(x.PointsLost));
        }

        c.Write(lost);
        if (r.Comparison is { } cmp && (cmp.Added.Count > 0 || cmp.Removed.Count > 0))
        {
            c.MarkupLine(E($"{t.Added}: {(cmp.Added.Count == 0 ? t.None : string.Join(", ", cmp.Added.Select(a => a.UnitId)))}"));
            c.MarkupLine(E($"{t.Removed}: {(cmp.Removed.Count == 0 ? t.None : string.Join(", ", cmp.Removed.Select(a => a.UnitId)))}"));
        }
    }

    /// <summary>The invalid units, then every error and warning, one per line. A line that is plain text and fits the
    /// width goes straight to <paramref name="plain"/> (output that is not a terminal): Spectre.Console would write the
    /// same characters, but laying out each of the 179,475 lines of a 20,000-unit export took it about 3 s.</summary>
    private static void WriteProblems(IAnsiConsole c, ScoreReport r, Text t, TextWriter? plain)
    {
        if (r.InvalidUnits.Count > 0)
        {
            c.MarkupLine($"[red]{t.InvalidUnits}[/]: {E(string.Join(", ", r.InvalidUnits.Select(u => u.UnitId)))}");
        }

        var errors = r.Export.Diagnostics.Where(d => d.Severity != Severity.Warning).ToArray();
        var warnings = r.Export.Diagnostics.Where(d => d.Severity == Severity.Warning).ToArray();
        if (errors.Length + warnings.Length == 0)
        {
            return;
        }

        c.MarkupLine(E(t.Counts(errors.Length, warnings.Length)));
        var width = c.Profile.Width;
        foreach (var d in errors.Concat(warnings))
        {
            var line = $"  {DiagnosticsRenderer.Line(d, t)}";
            if (plain is not null && Fits(line, width))
            {
                plain.Write(line);
                plain.Write(Environment.NewLine); // as Spectre.Console ends a line
            }
            else
            {
                c.MarkupLine(E(line));
            }
        }
    }

    private static string Status(ItemStatus s, string lang)
    {
        var label = E(Labels.Label(s, lang));
        return s switch
        {
            ItemStatus.Met or ItemStatus.NotApplicable or ItemStatus.Waived => $"[green]{label}[/]",
            ItemStatus.Partial => $"[yellow]{label}[/]",
            ItemStatus.NoEvidence => $"[yellow bold]{label}[/]",
            _ => $"[red]{label}[/]",
        };
    }

    /// <summary>Whether Spectre.Console would write the line as it is: characters measured as PlainTable measures them,
    /// and narrower than the width (wider lines are wrapped).</summary>
    private static bool Fits(string line, int width)
    {
        var cells = PlainTable.Width(line); // -1 for a character PlainTable leaves to Spectre
        return cells >= 0 && cells < width;
    }

    private static string E(string s) => Markup.Escape(PlainText.Printable(s));

    private static string N(decimal d) => Numbers.Format(d);
}
