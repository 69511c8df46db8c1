using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Cli.Rendering;
using Assessment.Core.Scoring;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Tests.TestAssets;

/// <summary>The test oracle for the JSON output: the renderer as it was written on Newtonsoft.Json's JsonTextWriter
/// (release 0.1.0 up to issue 6), kept unchanged so that the tool's faster writer can be compared with it byte for
/// byte. Uses: JsonOutTests.</summary>
internal static class NewtonsoftJsonRenderer
{
    /// <summary>Writes the JSON of a finished report (every scorecard in memory).</summary>
    public static void Write(TextWriter w, ScoreReport r) =>
        Write(w, r.Export, r.Scorecards, () => r.InvalidUnits, r.AsOf, r.Lang,
            r.Comparison is null ? null : new Compared(r.Comparison.PreviousFile, r.Comparison.PreviousAsOf,
                c => r.Comparison.Deltas.GetValueOrDefault(c.UnitId), _ => r.Comparison.Removed));

    /// <summary>What the JSON needs of a comparison: the previous run's name and date, each unit's delta, and the
    /// previous units that this run did not score.</summary>
    internal sealed record Compared(string File, string? AsOf, Func<Scorecard, UnitDelta?> Delta, Func<IReadOnlySet<string>, IReadOnlyList<PreviousUnit>> Removed)
    {
        public static Compared Of(PreviousRun p) => new(p.File, p.AsOf, p.Delta, p.Removed);
    }

    /// <summary>Writes the JSON while the scorecards arrive: each unit is written as soon as it is scored and then
    /// dropped, so memory does not grow with the number of units. What is only known at the end (units that failed,
    /// units added and removed) is written after the units.</summary>
    public static void Write(TextWriter w, Export export, IEnumerable<Scorecard> cards, Func<IReadOnlyList<(string UnitId, IReadOnlyList<string> Errors)>> invalid,
        DateOnly asOf, string lang, Compared? comparison = null)
    {
        using var json = new JsonTextWriter(w) { Formatting = Formatting.Indented, Indentation = 2, CloseOutput = false };
        json.WriteStartObject();
        json.WritePropertyName("tool");
        json.WriteValue("assess");
        json.WritePropertyName("version");
        json.WriteValue(Assessment.Cli.Cli.Version);
        json.WritePropertyName("asOf");
        json.WriteValue(ValueParser.Format(asOf));
        json.WritePropertyName("units");
        json.WriteStartArray();
        var scored = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var card in cards)
        {
            var d = comparison?.Delta(card);
            if (comparison is not null && d is null)
            {
                added.Add(card.UnitId);
            }

            WriteUnit(json, card, lang, comparison is not null, d);
            scored.Add(card.UnitId);
        }

        json.WriteEndArray();
        json.WritePropertyName("invalidUnits");
        new JArray(invalid().Select(u => new JObject { ["unitId"] = u.UnitId, ["errors"] = new JArray(u.Errors) })).WriteTo(json);
        Array(json, "errors", export.Diagnostics.Where(d => d.Severity != Severity.Warning), d => WriteDiagnostic(json, d, lang));
        Array(json, "warnings", export.Diagnostics.Where(d => d.Severity == Severity.Warning), d => WriteDiagnostic(json, d, lang));
        if (comparison is not null)
        {
            json.WritePropertyName("comparison");
            new JObject
            {
                ["previous"] = comparison.File,
                ["previousAsOf"] = comparison.AsOf,
                ["added"] = new JArray(added),
                ["removed"] = new JArray(comparison.Removed(scored).Select(x => new JObject { ["unitId"] = x.UnitId, ["unitName"] = x.UnitName, ["total"] = N(x.Total), ["grade"] = x.Grade })),
            }.WriteTo(json);
        }

        json.WriteEndObject();
        json.Flush();
        w.WriteLine();
    }

    private static JObject Delta(UnitDelta d)
    {
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

        return new JObject
        {
            ["previousYear"] = d.Previous.Year,
            ["previousTotal"] = N(d.Previous.Total),
            ["total"] = N(d.Total),
            ["previousGrade"] = d.Previous.Grade,
            ["gradeChanged"] = d.GradeChanged,
            ["categories"] = categories,
            ["items"] = items,
        };
    }

    /// <summary>One unit, written straight to the writer (no intermediate objects): the normative shape, in order.</summary>
    private static void WriteUnit(JsonWriter j, Scorecard s, string lang, bool comparing, UnitDelta? delta)
    {
        j.WriteStartObject();
        Prop(j, "unitId", s.UnitId);
        Prop(j, "unitName", s.UnitName);
        j.WritePropertyName("year");
        j.WriteValue(s.Year);
        Prop(j, "profile", s.Profile);
        Num(j, "total", s.Total);
        Num(j, "totalWithoutWaivers", s.TotalWithoutWaivers);
        Num(j, "base", s.Base);
        Num(j, "bonus", s.Bonus);
        Prop(j, "grade", Labels.Code(s.Grade));
        Prop(j, "gradeLabel", Labels.Label(s.Grade, "zh"));
        Array(j, "vetoes", s.Vetoes, v =>
        {
            Prop(j, "id", v.Id);
            Prop(j, "title", v.Title(lang));
            Prop(j, "explanation", v.Explanation.Text(lang));
        });
        Array(j, "categories", s.Categories, c =>
        {
            Prop(j, "id", c.Id);
            Prop(j, "title", c.Title(lang));
            Num(j, "score", c.Score);
            Num(j, "max", c.Max);
        });
        Array(j, "items", s.Items, i =>
        {
            Prop(j, "id", i.Id);
            Prop(j, "category", i.Category);
            Prop(j, "title", i.Title(lang));
            Num(j, "score", i.Score);
            Num(j, "max", i.Max);
            Prop(j, "status", i.Status.ToString());
            Prop(j, "explanation", i.Explanation.Text(lang));
            j.WritePropertyName("evidence");
            j.WriteStartArray();
            foreach (var e in i.Evidence)
            {
                j.WriteValue(e);
            }

            j.WriteEndArray();
        });
        Array(j, "bonusItems", s.BonusItems, b =>
        {
            Prop(j, "id", b.Id);
            Num(j, "points", b.Points);
            Prop(j, "explanation", b.Explanation.Text(lang));
        });
        Array(j, "waivers", s.Waivers, w =>
        {
            Prop(j, "itemId", w.ItemId);
            Prop(j, "justification", w.Justification);
            Prop(j, "approvedBy", w.ApprovedBy);
        });
        if (comparing)
        {
            j.WritePropertyName("delta");
            if (delta is null)
            {
                j.WriteNull();
            }
            else
            {
                Delta(delta).WriteTo(j);
            }
        }

        j.WriteEndObject();
    }

    private static void Prop(JsonWriter j, string name, string? value)
    {
        j.WritePropertyName(name);
        j.WriteValue(value);
    }

    private static void Num(JsonWriter j, string name, decimal value)
    {
        j.WritePropertyName(name);
        j.WriteRawValue(Numbers.Format(Numbers.Round(value)));
    }

    private static void Array<T>(JsonWriter j, string name, IEnumerable<T> items, Action<T> body)
    {
        j.WritePropertyName(name);
        j.WriteStartArray();
        foreach (var x in items)
        {
            j.WriteStartObject();
            body(x);
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

    private static void WriteDiagnostic(JsonWriter j, Assessment.Core.Diagnostics.Diagnostic d, string lang)
    {
        Prop(j, "file", d.File);
        j.WritePropertyName("line");
        if (d.Line > 0)
        {
            j.WriteValue(d.Line);
        }
        else
        {
            j.WriteNull();
        }

        Prop(j, "column", d.Column);
        Prop(j, "unitId", d.UnitId);
        Prop(j, "message", d.Text(lang));
        if (d.Path is not null)
        {
            Prop(j, "path", d.Path); // JSON path or sheet cell, for the formats that have one
        }
    }

    /// <summary>A JSON number with at most 2 decimals and no trailing zeros (3, 83.5, 0.25).</summary>
    private static JRaw N(decimal d) => new(Numbers.Format(Numbers.Round(d)));
}
