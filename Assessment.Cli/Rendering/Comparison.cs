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
}

/// <summary>This run set against a previous one (<c>--compare-to previous.json</c>): per unit in both, the deltas;
/// units only in this run are added, units only in the previous run removed.</summary>
internal sealed record Comparison(string PreviousFile, string? PreviousAsOf, IReadOnlyDictionary<string, UnitDelta> Deltas,
    IReadOnlyList<Scorecard> Added, IReadOnlyList<PreviousUnit> Removed)
{
    public static Comparison Build(string file, IReadOnlyList<Scorecard> cards)
    {
        var (asOf, previous) = Read(file);
        var byId = previous.GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.First());
        var current = cards.Select(c => c.UnitId).ToHashSet();
        return new Comparison(
            Path.GetFileName(file),
            asOf,
            cards.Where(c => byId.ContainsKey(c.UnitId)).ToDictionary(c => c.UnitId, c => new UnitDelta(byId[c.UnitId], c)),
            cards.Where(c => !byId.ContainsKey(c.UnitId)).ToArray(),
            previous.Where(p => !current.Contains(p.UnitId)).ToArray());
    }

    private static (string? AsOf, IReadOnlyList<PreviousUnit> Units) Read(string file)
    {
        JObject root;
        try
        {
            root = JObject.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"--compare-to {file}: 无法读取 / cannot read: {e.Message}");
        }

        if ((string?)root["tool"] != "assess" || root["units"] is not JArray units)
        {
            throw new UsageException($"--compare-to {file}: 不是 assess 的 JSON 输出 / not the JSON output of assess score");
        }

        try
        {
            return ((string?)root["asOf"], units.Select(u => new PreviousUnit(
                (string)u["unitId"]!,
                (string?)u["unitName"] ?? "",
                (int?)u["year"] ?? 0,
                (decimal)u["total"]!,
                (string?)u["grade"] ?? "",
                ((JArray?)u["categories"] ?? []).ToDictionary(c => (string)c["id"]!, c => (decimal)c["score"]!),
                ((JArray?)u["items"] ?? []).ToDictionary(i => (string)i["id"]!, i => (decimal)i["score"]!))).ToArray());
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or NullReferenceException or OverflowException)
        {
            throw new UsageException($"--compare-to {file}: 单位数据不完整 / a unit is incomplete: {e.Message}");
        }
    }
}
