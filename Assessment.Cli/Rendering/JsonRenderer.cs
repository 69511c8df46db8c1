using System.Text;
using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Scoring;

namespace Assessment.Cli.Rendering;

/// <summary>The normative JSON output: fixed property order, numbers with at most 2 decimals, no timestamps, so the same
/// input and as-of date give byte-identical output. Written with <see cref="JsonOut"/>, whose bytes are those of
/// Newtonsoft.Json's indented writer; Newtonsoft.Json reads it back (<c>--compare-to</c>).</summary>
internal static class JsonRenderer
{
    /// <summary>Writes the JSON of a finished report (every scorecard in memory).</summary>
    public static void Write(TextWriter w, ScoreReport r) =>
        Write(w, Task.FromResult(r.Export), r.Scorecards, () => r.InvalidUnits, r.AsOf, r.Lang,
            r.Comparison is null ? null : new Compared(r.Comparison.PreviousFile, r.Comparison.PreviousAsOf,
                c => r.Comparison.Deltas.GetValueOrDefault(c.UnitId), _ => r.Comparison.Removed));

    /// <summary>What the JSON needs of a comparison: the previous run's name and date, each unit's delta, and the
    /// previous units that this run did not score.</summary>
    internal sealed record Compared(string File, string? AsOf, Func<Scorecard, UnitDelta?> Delta, Func<IReadOnlySet<string>, IReadOnlyList<PreviousUnit>> Removed)
    {
        public static Compared Of(PreviousRun p) => new(p.File, p.AsOf, p.Delta, p.Removed);
    }

    /// <summary>A unit's JSON, rendered into memory rented from <see cref="JsonOut.FragmentPool"/>, and what the
    /// document needs to know of the unit.</summary>
    internal readonly record struct UnitJson(string UnitId, bool Added, byte[] Bytes, int Length);

    // One fragment writer per thread: units are rendered on the scoring threads.
    [ThreadStatic]
    private static JsonOut? _unitWriter;

    /// <summary>Renders one unit as it sits in the array of units; safe to call on several threads at once.</summary>
    public static UnitJson Render(Scorecard card, string lang, Compared? comparison, string newLine)
    {
        var j = _unitWriter is { } w && w.NewLine == newLine ? w : _unitWriter = JsonOut.Fragment(newLine, 2);
        var d = comparison?.Delta(card);
        WriteUnit(j, card, lang, comparison is not null, d);
        var (bytes, length) = j.Detach();
        return new(card.UnitId, comparison is not null && d is null, bytes, length);
    }

    /// <summary>Writes the JSON while the scorecards arrive: each unit is written as soon as it is scored and then
    /// dropped, so memory does not grow with the number of units. What is only known at the end (units that failed,
    /// units added and removed) is written after the units.</summary>
    public static void Write(TextWriter w, Task<Export> export, IEnumerable<Scorecard> cards, Func<IReadOnlyList<(string UnitId, IReadOnlyList<string> Errors)>> invalid,
        DateOnly asOf, string lang, Compared? comparison = null) =>
        Write(w, export, cards.Select(c => Render(c, lang, comparison, w.NewLine)), invalid, asOf, lang, comparison);

    /// <summary>Writes the JSON of units already rendered (<see cref="Render"/>, on the scoring threads), returning
    /// their memory to the pool as they are written.</summary>
    public static void Write(TextWriter w, Task<Export> export, IEnumerable<UnitJson> units, Func<IReadOnlyList<(string UnitId, IReadOnlyList<string> Errors)>> invalid,
        DateOnly asOf, string lang, Compared? comparison = null)
    {
        // The errors and warnings (a large export has many) are rendered beside the units as soon as the read is
        // complete: before the first unit when the export was read whole, as the last units are scored when it is
        // read unit by unit.
        var diagnostics = Task.Run(async () => RenderDiagnostics(await export.ConfigureAwait(false), lang, w.NewLine));
        var j = new JsonOut(Utf8Target(w), w.NewLine);
        j.StartObject();
        Prop(j, "tool", "assess");
        Prop(j, "version", Cli.Version);
        Prop(j, "asOf", ValueParser.Format(asOf));
        j.Name("units");
        j.StartArray();
        var scored = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var unit in units)
        {
            if (unit.Added)
            {
                added.Add(unit.UnitId);
            }

            j.Rendered(unit.Bytes.AsSpan(0, unit.Length));
            JsonOut.FragmentPool.Return(unit.Bytes);
            scored.Add(unit.UnitId);
        }

        j.EndArray();
        Array(j, "invalidUnits", invalid(), u =>
        {
            Prop(j, "unitId", u.UnitId);
            Strings(j, "errors", u.Errors);
        });
        diagnostics.GetAwaiter().GetResult().Drain(j.RenderedMembers);
        if (comparison is not null)
        {
            j.Name("comparison");
            j.StartObject();
            Prop(j, "previous", comparison.File);
            Prop(j, "previousAsOf", comparison.AsOf);
            Strings(j, "added", added);
            Array(j, "removed", comparison.Removed(scored), x =>
            {
                Prop(j, "unitId", x.UnitId);
                Prop(j, "unitName", x.UnitName);
                Num(j, "total", x.Total);
                Prop(j, "grade", x.Grade);
            });
            j.EndObject();
        }

        j.EndObject();
        j.Flush();
        w.WriteLine();
    }

    /// <summary>The "errors" and "warnings" members of the document, as they follow its other members.</summary>
    private static PooledBlocks RenderDiagnostics(Export export, string lang, string newLine)
    {
        var blocks = new PooledBlocks();
        var j = JsonOut.MembersFragment(blocks, newLine, 1);
        Array(j, "errors", export.Diagnostics.Where(d => d.Severity != Severity.Warning), d => WriteDiagnostic(j, d, lang));
        Array(j, "warnings", export.Diagnostics.Where(d => d.Severity == Severity.Warning), d => WriteDiagnostic(j, d, lang));
        j.Flush();
        return blocks;
    }

    /// <summary>Where the UTF-8 bytes go: straight to the file under a UTF-8 stream writer (<c>-o</c>), which is then
    /// written to only after them; else decoded onto the text writer (stdout, tests).</summary>
    private static Stream Utf8Target(TextWriter w)
    {
        if (w is StreamWriter { Encoding: UTF8Encoding } file)
        {
            file.Flush();
            return file.BaseStream;
        }

        return new TextWriterStream(w);
    }

    private static void WriteDelta(JsonOut j, UnitDelta d)
    {
        j.StartObject();
        j.Name("previousYear");
        j.Number(d.Previous.Year);
        Num(j, "previousTotal", d.Previous.Total);
        Num(j, "total", d.Total);
        Prop(j, "previousGrade", d.Previous.Grade);
        j.Name("gradeChanged");
        j.Bool(d.GradeChanged);
        j.Name("categories");
        j.StartObject();
        foreach (var (id, delta) in d.Categories)
        {
            Num(j, id, delta);
        }

        j.EndObject();
        j.Name("items");
        j.StartObject();
        foreach (var (id, delta) in d.ChangedItems)
        {
            Num(j, id, delta);
        }

        j.EndObject();
        j.EndObject();
    }

    /// <summary>One unit: the normative shape, in order.</summary>
    private static void WriteUnit(JsonOut j, Scorecard s, string lang, bool comparing, UnitDelta? delta)
    {
        j.StartObject();
        Prop(j, "unitId", s.UnitId);
        Prop(j, "unitName", s.UnitName);
        j.Name("year");
        j.Number(s.Year);
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
            Prop(j, "status", StatusNames[(int)i.Status]);
            Prop(j, "explanation", i.Explanation.Text(lang));
            Strings(j, "evidence", i.Evidence);
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
            j.Name("delta");
            if (delta is null)
            {
                j.Null();
            }
            else
            {
                WriteDelta(j, delta);
            }
        }

        j.EndObject();
    }

    private static void Prop(JsonOut j, string name, string? value)
    {
        j.Name(name);
        j.String(value);
    }

    /// <summary>A JSON number with at most 2 decimals and no trailing zeros (3, 83.5, 0.25).</summary>
    private static void Num(JsonOut j, string name, decimal value)
    {
        j.Name(name);
        j.Number(Numbers.Round(value));
    }

    // The names of the statuses, made once: Enum.ToString boxes the value, for every item of every unit.
    private static readonly string[] StatusNames = NamesByValue<ItemStatus>();

    private static string[] NamesByValue<T>() where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new string[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var v in values)
        {
            names[Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)] = v.ToString();
        }

        return names;
    }

    private static void Strings(JsonOut j, string name, IReadOnlyList<string> values)
    {
        j.Name(name);
        j.StartArray();
        for (var k = 0; k < values.Count; k++) // an index, not an enumerator allocated for each list
        {
            j.String(values[k]);
        }

        j.EndArray();
    }

    private static void Array<T>(JsonOut j, string name, IEnumerable<T> items, Action<T> body)
    {
        j.Name(name);
        j.StartArray();
        foreach (var x in items)
        {
            j.StartObject();
            body(x);
            j.EndObject();
        }

        j.EndArray();
    }

    private static void WriteDiagnostic(JsonOut j, Diagnostic d, string lang)
    {
        Prop(j, "file", d.File);
        j.Name("line");
        if (d.Line > 0)
        {
            j.Number(d.Line);
        }
        else
        {
            j.Null();
        }

        Prop(j, "column", d.Column);
        Prop(j, "unitId", d.UnitId);
        Prop(j, "message", d.Text(lang));
        if (d.Path is not null)
        {
            Prop(j, "path", d.Path); // JSON path or sheet cell, for the formats that have one
        }
    }
}
