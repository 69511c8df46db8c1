using System.Globalization;
using Assessment.Core.Scoring;

namespace Assessment.Cli.Rendering;

/// <summary>One row per scored unit with every category and item as a column, for a spreadsheet: UTF-8 with a BOM so
/// Excel on Chinese Windows opens it cleanly, RFC 4180 quoting, header language per <c>--lang</c>.</summary>
internal static class CsvRenderer
{
    public static void Write(TextWriter w, ScoreReport r) =>
        Write(w, r.Scorecards, r.Lang, r.Comparison is null ? null : c => r.Comparison.Deltas.GetValueOrDefault(c.UnitId));

    /// <summary>Writes the rows as the scorecards arrive; with <paramref name="delta"/> the comparison columns too.</summary>
    public static void Write(TextWriter w, IEnumerable<Scorecard> scorecards, string lang, Func<Scorecard, UnitDelta?>? delta)
    {
        var zh = lang != "en";
        using var cards = scorecards.GetEnumerator();
        var first = cards.MoveNext() ? cards.Current : null;
        var header = new List<string>
        {
            zh ? "单位编码" : "unit_id", zh ? "单位名称" : "unit_name", zh ? "年度" : "year", zh ? "测评方案" : "profile",
            zh ? "总分" : "total", zh ? "基础分" : "base", zh ? "加分" : "bonus", zh ? "等次" : "grade",
        };
        if (first is not null)
        {
            header.AddRange(first.Categories.Select(c => $"{c.Id} {c.Title(lang)}"));
            header.AddRange(first.Items.Select(i => $"{i.Id} {i.Title(lang)}"));
            if (delta is not null)
            {
                header.AddRange([zh ? "上次总分" : "previous_total", zh ? "总分变化" : "total_change", zh ? "上次等次" : "previous_grade"]);
                header.AddRange(first.Categories.Select(c => $"{(zh ? "变化" : "change")} {c.Id}"));
                header.AddRange(first.Items.Select(i => $"{(zh ? "变化" : "change")} {i.Id}"));
            }
        }

        w.Write('\uFEFF');
        Line(w, header);
        for (var c = first; c is not null; c = cards.MoveNext() ? cards.Current : null)
        {
            var row = new List<string>
            {
                Inert(c.UnitId), Inert(c.UnitName), c.Year.ToString(CultureInfo.InvariantCulture), c.Profile,
                N(c.Total), N(c.Base), N(c.Bonus), zh ? Labels.Label(c.Grade, "zh") : Labels.Code(c.Grade),
            };
            row.AddRange(c.Categories.Select(x => N(x.Score)));
            row.AddRange(c.Items.Select(x => N(x.Score)));
            if (delta is not null)
            {
                if (delta(c) is { } d)
                {
                    row.AddRange([N(d.Previous.Total), N(d.Total), zh ? GradeZh(d.Previous.Grade) : d.Previous.Grade]);
                    row.AddRange(d.Categories.Select(x => N(x.Delta)));
                    row.AddRange(c.Items.Select(x => N(d.ItemDelta(x.Id))));
                }
                else
                {
                    row.AddRange(Enumerable.Repeat("", 3 + c.Categories.Count + c.Items.Count));
                }
            }

            Line(w, row);
        }
    }

    private static string GradeZh(string code) =>
        Enum.GetValues<Grade>().Where(g => Labels.Code(g) == code).Select(g => Labels.Label(g, "zh")).FirstOrDefault() ?? code;

    private static void Line(TextWriter w, IEnumerable<string> cells)
    {
        w.Write(string.Join(",", cells.Select(Quote)));
        w.Write("\r\n");
    }

    /// <summary>Text from the export that a spreadsheet would take for a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a
    /// tab or a carriage return first: "CSV injection") gets a leading apostrophe, so that it opens as the text it is.
    /// Only the unit's id and name: every other cell is a number, a grade or a profile the tool writes itself.</summary>
    private static string Inert(string v) => v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + v : v;

    private static string Quote(string v) =>
        v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;

    private static string N(decimal d) => Numbers.Format(d);
}
