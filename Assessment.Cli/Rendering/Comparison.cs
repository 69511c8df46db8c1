using Assessment.Core.Scoring;
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

    private static (string? AsOf, IReadOnlyList<PreviousUnit> Units) Load(string file)
    {
        if (Directory.Exists(file))
        {
            throw new UsageException($"--compare-to {file}: 是文件夹，请给出上次的 JSON 结果 / is a folder; give the JSON of a previous run");
        }

        JObject root;
        try
        {
            root = JObject.Parse(System.IO.File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"--compare-to {file}: 无法读取 / cannot read: {e.Message}");
        }

        if (root["tool"] is not JValue { Value: "assess" } || root["units"] is not JArray units)
        {
            throw new UsageException($"--compare-to {file}: 不是 assess 的 JSON 输出 / not the JSON output of assess score");
        }

        try
        {
            // Any value of the wrong shape (a unit that is not an object, a score that is not a number) is the same
            // failure for the user: Json.NET reports them as the exceptions below.
            return ((string?)root["asOf"], units.Select(u => new PreviousUnit(
                (string)u["unitId"]!,
                (string?)u["unitName"] ?? "",
                (int?)u["year"] ?? 0,
                (decimal)u["total"]!,
                (string?)u["grade"] ?? "",
                ((JArray?)u["categories"] ?? []).ToDictionary(c => (string)c["id"]!, c => (decimal)c["score"]!),
                ((JArray?)u["items"] ?? []).ToDictionary(i => (string)i["id"]!, i => (decimal)i["score"]!))).ToArray());
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or NullReferenceException or OverflowException
                                   or InvalidOperationException)
        {
            throw new UsageException($"--compare-to {file}: 单位数据不完整 / a unit is incomplete: {e.Message}");
        }
    }
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
