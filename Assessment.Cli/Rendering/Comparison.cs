using Assessment.Core.Scoring;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Cli.Rendering;

/// <summary>A unit as a previous run scored it: read back from that run's JSON output.</summary>
internal sealed record PreviousUnit(string UnitId, string UnitName, int Year, decimal Total, string Grade,
    IReadOnlyDictionary<string, decimal> Categories, IReadOnlyDictionary<string, decimal> Items);

/// <summary>The change of one unit between a previous run and this one.</summary>
internal sealed record UnitDelta(PreviousUnit Previous, Scorecard Current)
{
    public decimal Total => Current.Total - Previous.Total;

    public bool GradeChanged => Labels.Code(Current.Grade) != Previous.Grade;

    /// <summary>Every category of this run with its change (a category the previous run lacked counts from 0).</summary>
    public IEnumerable<(string Id, decimal Delta)> Categories =>
        Current.Categories.Select(c => (c.Id, c.Score - Previous.Categories.GetValueOrDefault(c.Id)));

    /// <summary>The items whose score changed, in rubric order.</summary>
    public IEnumerable<(string Id, decimal Delta)> ChangedItems =>
        Current.Items.Select(i => (i.Id, Delta: i.Score - Previous.Items.GetValueOrDefault(i.Id))).Where(x => x.Delta != 0);

    public decimal ItemDelta(string id) => Current.Items.First(i => i.Id == id).Score - Previous.Items.GetValueOrDefault(id);

    /// <summary>The change in one sentence, the same in every format: total, grade, and the items that changed.</summary>
    public string Describe(Text t) =>
        $"{t.Change}: {t.Total} {Numbers.Format(Previous.Total)} → {Numbers.Format(Current.Total)} ({Signed(Total)})"
        + (GradeChanged ? $", {t.Grade} {Previous.Grade} → {Labels.Code(Current.Grade)}" : "")
        + (ChangedItems.Any() ? $"; {t.ChangedItems}: " + string.Join(", ", ChangedItems.Select(x => $"{x.Id} {Signed(x.Delta)}")) : "");

    /// <summary>A change with its sign: +3, -1.5, 0.</summary>
    public static string Signed(decimal d) => d > 0 ? "+" + Numbers.Format(d) : Numbers.Format(d);
}

/// <summary>A previous run read back from its JSON output: enough to compare each unit of this run as it is scored.</summary>
internal sealed class PreviousRun
{
    private readonly IReadOnlyList<PreviousUnit> _units;
    private readonly Dictionary<string, PreviousUnit> _byId;

    private PreviousRun(string file, string? asOf, IReadOnlyList<PreviousUnit> units)
    {
        File = Path.GetFileName(file);
        AsOf = asOf;
        _units = units;
        _byId = units.GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.First());
    }

    public string File { get; }

    public string? AsOf { get; }

    /// <summary>The change of a unit, or null when the previous run did not have it (an added unit).</summary>
    public UnitDelta? Delta(Scorecard card) => _byId.TryGetValue(card.UnitId, out var p) ? new UnitDelta(p, card) : null;

    /// <summary>The previous run's units among <paramref name="ids"/> only.</summary>
    public PreviousRun Only(IReadOnlySet<string> ids) => new(File, AsOf, _units.Where(u => ids.Contains(u.UnitId)).ToArray());

    /// <summary>The previous units this run did not score.</summary>
    public IReadOnlyList<PreviousUnit> Removed(IReadOnlySet<string> scored) => _units.Where(p => !scored.Contains(p.UnitId)).ToArray();

    public static PreviousRun Read(string file)
    {
        var (asOf, units) = Load(file);
        return new PreviousRun(file, asOf, units);
    }

    /// <summary>Reads the previous run one unit at a time, keeping of each only what a comparison needs: the JSON of
    /// a province's run is hundreds of megabytes, several times that as a tree of tokens.</summary>
    private static (string? AsOf, IReadOnlyList<PreviousUnit> Units) Load(string file)
    {
        if (Directory.Exists(file))
        {
            throw new UsageException($"--compare-to {file}: 是文件夹，请给出上次的 JSON 结果 / is a folder; give the JSON of a previous run");
        }

        JToken? tool = null;
        string? asOf = null;
        List<PreviousUnit>? units = null;
        string? incomplete = null;
        try
        {
            // Read as it streams by, a previous run needs no size limit; a device would never end.
            if (Core.Import.InputFile.KindOf(file) == Core.Import.InputFile.Kind.Device)
            {
                throw new UsageException($"--compare-to {file}: 不是普通文件，而是设备 / not a regular file but a device");
            }

            using var text = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
            using var json = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            if (!Next(json) || json.TokenType != JsonToken.StartObject)
            {
                throw new JsonReaderException("the file is not a JSON object");
            }

            while (Next(json) && json.TokenType == JsonToken.PropertyName)
            {
                var name = (string)json.Value!;
                Next(json);
                switch (name)
                {
                    case "tool":
                        tool = JToken.ReadFrom(json);
                        break;
                    case "asOf":
                        asOf = JToken.ReadFrom(json) is JValue { Value: { } v } ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
                        break;
                    case "units" when json.TokenType == JsonToken.StartArray:
                        // A property given twice counts once, the last time (as Json.NET's JObject takes it).
                        units = [];
                        incomplete = null;
                        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
                        for (var index = 1; Next(json) && json.TokenType != JsonToken.EndArray; index++)
                        {
                            var depth = json.Depth;
                            try
                            {
                                units.Add(Unit(json, index, ids));
                            }
                            catch (IncompleteUnitException e)
                            {
                                // The rest is still read, for its syntax; the first such problem is the one reported.
                                incomplete ??= e.Message;
                                SkipRestOf(json, depth);
                            }
                        }

                        break;
                    case "units":
                        units = null;
                        json.Skip();
                        break;
                    default:
                        json.Skip();
                        break;
                }
            }

            // A file cut short leaves the reader on no token at all (Json.NET's None), not on the object's end.
            if (json.TokenType != JsonToken.EndObject)
            {
                throw new JsonReaderException($"the file ends before its JSON object does, line {json.LineNumber}");
            }

            // Json.NET refuses anything after the object but white space and comments.
            _ = Next(json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"--compare-to {file}: 无法读取 / cannot read: {e.Message}");
        }

        if (tool is not JValue { Value: "assess" } || units is null)
        {
            throw new UsageException($"--compare-to {file}: 不是 assess 的 JSON 输出 / not the JSON output of assess score");
        }

        return incomplete is null ? (asOf, units) : throw new UsageException($"--compare-to {file}: 单位数据不完整 / a unit is incomplete: {incomplete}");
    }

    /// <summary>The next token that is not a comment.</summary>
    private static bool Next(JsonReader json)
    {
        while (json.Read())
        {
            if (json.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One unit of the previous run, read from its first token to its last, keeping what a comparison needs
    /// and skipping the rest (explanations and evidence are most of the file). Ids are shared between units: every
    /// unit names the same categories and items.</summary>
    private static PreviousUnit Unit(JsonReader json, int index, Dictionary<string, string> ids)
    {
        if (json.TokenType != JsonToken.StartObject)
        {
            throw new IncompleteUnitException($"unit {index} is not an object");
        }

        string? id = null, name = null, grade = null;
        int? year = null;
        decimal? total = null;
        Dictionary<string, decimal>? categories = null, items = null;
        while (Next(json) && json.TokenType == JsonToken.PropertyName)
        {
            var property = (string)json.Value!;
            Next(json);
            switch (property)
            {
                case "unitId":
                    id = TryText(json, out var t) ? t : throw Bad(index, id, property, "is not a value");
                    break;
                case "unitName":
                    name = TryText(json, out t) ? t : throw Bad(index, id, property, "is not a value");
                    break;
                case "year":
                    year = !TryText(json, out t) ? throw Bad(index, id, property, "is not a value")
                        : t is null ? null
                        : int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y
                        : throw Bad(index, id, property, "is not a whole number");
                    break;
                case "total":
                    total = Number(json, index, id, property);
                    break;
                case "grade":
                    grade = TryText(json, out t) ? t : throw Bad(index, id, property, "is not a value");
                    break;
                case "categories":
                    categories = Scores(json, index, id, property, ids);
                    break;
                case "items":
                    items = Scores(json, index, id, property, ids);
                    break;
                default:
                    json.Skip();
                    break;
            }
        }

        return new PreviousUnit(
            id ?? throw new IncompleteUnitException($"unit {index} has no unitId"),
            name ?? "",
            year ?? 0,
            total ?? throw new IncompleteUnitException($"unit {index} ({id}) has no total"),
            grade ?? "",
            categories ?? [],
            items ?? []);
    }

    /// <summary>The scores of a unit's categories or items by id: an array of objects with an id and a score.</summary>
    private static Dictionary<string, decimal> Scores(JsonReader json, int index, string? unit, string property, Dictionary<string, string> ids)
    {
        var scores = new Dictionary<string, decimal>();
        if (json.TokenType == JsonToken.Null)
        {
            return scores;
        }

        if (json.TokenType != JsonToken.StartArray)
        {
            throw Bad(index, unit, property, "is not an array");
        }

        while (Next(json) && json.TokenType != JsonToken.EndArray)
        {
            if (json.TokenType != JsonToken.StartObject)
            {
                throw Bad(index, unit, property, "has an element that is not an object");
            }

            string? id = null;
            decimal? score = null;
            while (Next(json) && json.TokenType == JsonToken.PropertyName)
            {
                var name = (string)json.Value!;
                Next(json);
                switch (name)
                {
                    case "id":
                        id = TryText(json, out var t) ? t : throw Bad(index, unit, $"{property}: id", "is not a value");
                        break;
                    case "score":
                        score = Number(json, index, unit, $"{property}: score");
                        break;
                    default:
                        json.Skip();
                        break;
                }
            }

            if (id is null || score is null)
            {
                throw Bad(index, unit, property, $"has an element without {(id is null ? "an id" : "a score")}");
            }

            id = ids.TryGetValue(id, out var shared) ? shared : ids[id] = id;
            if (!scores.TryAdd(id, score.Value))
            {
                throw Bad(index, unit, property, $"give {id} twice");
            }
        }

        return scores;
    }

    /// <summary>A value as text: a string, or a number or true/false as written; null for null. False for an object
    /// or an array.</summary>
    private static bool TryText(JsonReader json, out string? text)
    {
        text = json.TokenType switch
        {
            JsonToken.String => (string)json.Value!,
            JsonToken.Integer or JsonToken.Float or JsonToken.Boolean => Convert.ToString(json.Value, CultureInfo.InvariantCulture),
            _ => null,
        };
        return text is not null || json.TokenType == JsonToken.Null;
    }

    /// <summary>A score: a number, or a string that reads as one.</summary>
    private static decimal Number(JsonReader json, int index, string? unit, string property)
    {
        try
        {
            return json.TokenType switch
            {
                JsonToken.Integer or JsonToken.Float => Convert.ToDecimal(json.Value, CultureInfo.InvariantCulture),
                JsonToken.String when decimal.TryParse((string)json.Value!, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => throw Bad(index, unit, property, "is not a number"),
            };
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException)
        {
            // A whole number too large for a decimal is a BigInteger to Json.NET.
            throw Bad(index, unit, property, "is not a number in range");
        }
    }

    private static IncompleteUnitException Bad(int index, string? unit, string property, string what) =>
        new($"unit {index}{(unit is null ? "" : $" ({unit})")}: {property} {what}");

    /// <summary>After a unit of the wrong shape: moves to the unit's last token, wherever in it the problem was found.</summary>
    private static void SkipRestOf(JsonReader json, int depth)
    {
        if (json.Depth == depth)
        {
            // The unit itself is the problem: a value, or an array, not an object.
            json.Skip();
            return;
        }

        while (json.Depth > depth && Next(json))
        {
        }
    }

    /// <summary>A unit of the previous run is not of the shape assess writes.</summary>
    private sealed class IncompleteUnitException(string message) : Exception(message);
}

/// <summary>This run set against a previous one (<c>--compare-to previous.json</c>): per unit in both, the deltas;
/// units only in this run are added, units only in the previous run removed.</summary>
internal sealed record Comparison(string PreviousFile, string? PreviousAsOf, IReadOnlyDictionary<string, UnitDelta> Deltas,
    IReadOnlyList<Scorecard> Added, IReadOnlyList<PreviousUnit> Removed)
{
    public static Comparison Build(PreviousRun previous, IReadOnlyList<Scorecard> cards)
    {
        var deltas = new Dictionary<string, UnitDelta>();
        var added = new List<Scorecard>();
        foreach (var c in cards)
        {
            if (previous.Delta(c) is { } d)
            {
                deltas[c.UnitId] = d;
            }
            else
            {
                added.Add(c);
            }
        }

        return new Comparison(previous.File, previous.AsOf, deltas, added, previous.Removed(cards.Select(c => c.UnitId).ToHashSet()));
    }
}
