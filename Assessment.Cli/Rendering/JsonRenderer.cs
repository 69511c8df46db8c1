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
        return new JObject
        {
            ["tool"] = "assess",
            ["version"] = Cli.Version,
            ["asOf"] = ValueParser.Format(r.AsOf),
            ["units"] = new JArray(r.Scorecards.Select(s => Unit(s, lang))),
            ["invalidUnits"] = new JArray(r.InvalidUnits.Select(u => new JObject
            {
                ["unitId"] = u.UnitId,
                ["errors"] = new JArray(u.Errors),
            })),
            ["errors"] = new JArray(r.Export.Diagnostics.Where(d => d.Severity != Severity.Warning).Select(d => Diagnostic(d, lang))),
            ["warnings"] = new JArray(r.Export.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(d => Diagnostic(d, lang))),
        };
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

    private static JObject Diagnostic(Diagnostic d, string lang) => new()
    {
        ["file"] = d.File,
        ["line"] = d.Line > 0 ? d.Line : null,
        ["column"] = d.Column,
        ["unitId"] = d.UnitId,
        ["message"] = d.Text(lang),
    };

    /// <summary>A JSON number with at most 2 decimals and no trailing zeros (3, 83.5, 0.25).</summary>
    private static JRaw N(decimal d) => new(Numbers.Format(Numbers.Round(d)));
}
