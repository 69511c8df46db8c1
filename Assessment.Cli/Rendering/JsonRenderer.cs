using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Scoring;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Cli.Rendering;

/// <summary>The normative JSON output: fixed property order, numbers with at most 2 decimals, no timestamps, so the same
/// input and as-of date give byte-identical output.</summary>
internal static class JsonRenderer
{
    public static void Write(TextWriter w, ScoreReport report)
    {
        var root = Build(report);
        using var json = new JsonTextWriter(w) { Formatting = Formatting.Indented, Indentation = 2, CloseOutput = false };
        root.WriteTo(json);
        json.Flush();
        w.WriteLine();
    }

    public static JObject Build(ScoreReport r)
    {
        var lang = r.Lang;
        var root = new JObject
        {
            ["tool"] = "assess",
            ["version"] = Cli.Version,
            ["asOf"] = ValueParser.Format(r.AsOf),
            ["units"] = new JArray(r.Scorecards.Select(s => WithDelta(Unit(s, lang), s, r.Comparison))),
            ["invalidUnits"] = new JArray(r.InvalidUnits.Select(u => new JObject
            {
                ["unitId"] = u.UnitId,
                ["errors"] = new JArray(u.Errors),
            })),
            ["errors"] = new JArray(r.Export.Diagnostics.Where(d => d.Severity != Severity.Warning).Select(d => Diagnostic(d, lang))),
            ["warnings"] = new JArray(r.Export.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(d => Diagnostic(d, lang))),
        };
        if (r.Comparison is { } c)
        {
            root["comparison"] = new JObject
            {
                ["previous"] = c.PreviousFile,
                ["previousAsOf"] = c.PreviousAsOf,
                ["added"] = new JArray(c.Added.Select(a => a.UnitId)),
                ["removed"] = new JArray(c.Removed.Select(x => new JObject { ["unitId"] = x.UnitId, ["unitName"] = x.UnitName, ["total"] = N(x.Total), ["grade"] = x.Grade })),
            };
        }

        return root;
    }

    /// <summary>With <c>--compare-to</c>: a <c>delta</c> object per unit found in the previous run (null for an added unit).</summary>
    private static JObject WithDelta(JObject unit, Scorecard s, Comparison? comparison)
    {
        if (comparison is null)
        {
            return unit;
        }

        if (!comparison.Deltas.TryGetValue(s.UnitId, out var d))
        {
            unit["delta"] = null;
            return unit;
        }

        var categories = new JObject();
        foreach (var (id, delta) in d.Categories)
        {
            categories[id] = N(delta);
        }

        var items = new JObject();
        foreach (var (id, delta) in d.ChangedItems)
        {
            items[id] = N(delta);
        }

        unit["delta"] = new JObject
        {
            ["previousYear"] = d.Previous.Year,
            ["previousTotal"] = N(d.Previous.Total),
            ["total"] = N(d.Total),
            ["previousGrade"] = d.Previous.Grade,
            ["gradeChanged"] = d.GradeChanged,
            ["categories"] = categories,
            ["items"] = items,
        };
        return unit;
    }

    private static JObject Unit(Scorecard s, string lang) => new()
    {
        ["unitId"] = s.UnitId,
        ["unitName"] = s.UnitName,
        ["year"] = s.Year,
        ["profile"] = s.Profile,
        ["total"] = N(s.Total),
        ["totalWithoutWaivers"] = N(s.TotalWithoutWaivers),
        ["base"] = N(s.Base),
        ["bonus"] = N(s.Bonus),
        ["grade"] = Labels.Code(s.Grade),
        ["gradeLabel"] = Labels.Label(s.Grade, "zh"),
        ["vetoes"] = new JArray(s.Vetoes.Select(v => new JObject
        {
            ["id"] = v.Id,
            ["title"] = v.Title(lang),
            ["explanation"] = v.Explanation.Text(lang),
        })),
        ["categories"] = new JArray(s.Categories.Select(c => new JObject
        {
            ["id"] = c.Id,
            ["title"] = c.Title(lang),
            ["score"] = N(c.Score),
            ["max"] = N(c.Max),
        })),
        ["items"] = new JArray(s.Items.Select(i => new JObject
        {
            ["id"] = i.Id,
            ["category"] = i.Category,
            ["title"] = i.Title(lang),
            ["score"] = N(i.Score),
            ["max"] = N(i.Max),
            ["status"] = i.Status.ToString(),
            ["explanation"] = i.Explanation.Text(lang),
            ["evidence"] = new JArray(i.Evidence),
        })),
        ["bonusItems"] = new JArray(s.BonusItems.Select(b => new JObject
        {
            ["id"] = b.Id,
            ["points"] = N(b.Points),
            ["explanation"] = b.Explanation.Text(lang),
        })),
        ["waivers"] = new JArray(s.Waivers.Select(w => new JObject
        {
            ["itemId"] = w.ItemId,
            ["justification"] = w.Justification,
            ["approvedBy"] = w.ApprovedBy,
        })),
    };

    private static JObject Diagnostic(Diagnostic d, string lang)
    {
        var o = new JObject
        {
            ["file"] = d.File,
            ["line"] = d.Line > 0 ? d.Line : null,
            ["column"] = d.Column,
            ["unitId"] = d.UnitId,
            ["message"] = d.Text(lang),
        };
        if (d.Path is not null)
        {
            o["path"] = d.Path; // JSON path or sheet cell, for the formats that have one
        }

        return o;
    }

    /// <summary>A JSON number with at most 2 decimals and no trailing zeros (3, 83.5, 0.25).</summary>
    private static JRaw N(decimal d) => new(Numbers.Format(Numbers.Round(d)));
}
