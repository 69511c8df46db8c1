using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Core.Scoring;

/// <summary>Reads a rubric from its JSON form (see rules/README.md) and checks its structure.</summary>
internal static class RubricLoader
{
    /// <summary>Parses and checks a rubric; every problem is a <see cref="RubricException"/> naming what is wrong.</summary>
    /// <param name="json">The rubric JSON.</param>
    /// <param name="origin">Where it came from, for messages (a file name or "standard").</param>
    public static Rubric Parse(string json, string origin)
    {
        JObject root;
        try
        {
            // A key given twice (a parameter edited in one place and left in another) is refused, as in an export,
            // rather than the last one silently winning.
            root = JObject.Parse(json, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
        }
        catch (JsonReaderException e)
        {
            throw new RubricException($"{origin}: not valid JSON: {e.Message}");
        }

        try
        {
            var rubric = Build(root);
            Check(rubric);
            return rubric;
        }
        catch (RubricException e)
        {
            throw new RubricException($"{origin}: {e.Message}");
        }
    }

    private static Rubric Build(JObject root)
    {
        var categories = Array(root, "categories").Select(c => new RubricCategory(
            Str(c, "id"), Str(c, "titleZh"), Str(c, "titleEn"), Num(c, "max"))).ToArray();
        var items = Array(root, "items").Select(i => new RubricItem(
            Str(i, "id"), Str(i, "category"), Str(i, "titleZh"), Str(i, "titleEn"), Num(i, "max"), Params(i),
            OptStr(i, "formulaZh"), OptStr(i, "formulaEn"))).ToArray();
        var vetoes = Array(root, "vetoes").Select(v => new RubricVeto(Str(v, "id"), Str(v, "titleZh"), Str(v, "titleEn"), Params(v))).ToArray();
        var bonusRoot = root["bonus"] as JObject ?? throw new RubricException("\"bonus\" must be an object with \"cap\" and \"items\"");
        var bonus = Array(bonusRoot, "items").Select(b => new RubricBonus(Str(b, "id"), Str(b, "titleZh"), Str(b, "titleEn"), Params(b))).ToArray();
        var grades = root["grades"] as JObject ?? throw new RubricException("\"grades\" must be an object");
        return new Rubric(Str(root, "id"), Str(root, "version"), Str(root, "titleZh"), Str(root, "titleEn"),
            categories, items, vetoes, bonus, Num(bonusRoot, "cap"),
            new GradeBands(Num(grades, "excellent"), Num(grades, "good"), Num(grades, "pass"), Num(grades, "categoryFloor")));
    }

    private static void Check(Rubric r)
    {
        var ids = r.AllIds.Concat(r.Categories.Select(c => c.Id)).ToArray();
        var dup = ids.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new RubricException($"the id {dup.Key} is used twice");
        }

        foreach (var item in r.Items)
        {
            if (r.Categories.All(c => c.Id != item.Category))
            {
                throw new RubricException($"item {item.Id} names the unknown category {item.Category}");
            }

            if (item.Max <= 0)
            {
                throw new RubricException($"item {item.Id} must have a positive max, not {item.Max}");
            }
        }

        foreach (var c in r.Categories)
        {
            var sum = r.Items.Where(i => i.Category == c.Id).Sum(i => i.Max);
            if (sum != c.Max)
            {
                throw new RubricException($"the items of category {c.Id} add up to {Numbers.Format(sum)}, not its max {Numbers.Format(c.Max)}");
            }
        }

        var total = r.Categories.Sum(c => c.Max);
        if (total != 100)
        {
            throw new RubricException($"the categories add up to {Numbers.Format(total)}, not 100");
        }

        if (r.BonusCap < 0)
        {
            throw new RubricException("the bonus cap must not be negative");
        }

        var g = r.Grades;
        if (!(g.Excellent >= g.Good && g.Good >= g.Pass && g.Pass >= 0 && g.Excellent <= 100 + r.BonusCap) || g.CategoryFloor is < 0 or > 1)
        {
            throw new RubricException("grades must satisfy 0 ≤ pass ≤ good ≤ excellent and 0 ≤ categoryFloor ≤ 1");
        }
    }

    private static IEnumerable<JObject> Array(JObject o, string name) =>
        (o[name] as JArray ?? throw new RubricException($"\"{name}\" must be an array")).Select(t =>
            t as JObject ?? throw new RubricException($"every entry of \"{name}\" must be an object"));

    private static string Str(JObject o, string name) =>
        o[name] is { Type: JTokenType.String } t && ((string)t!).Trim().Length > 0
            ? ((string)t!).Trim()
            : throw new RubricException($"\"{name}\" must be a non-empty string in {Describe(o)}");

    private static string? OptStr(JObject o, string name) => o[name] switch
    {
        null or { Type: JTokenType.Null } => null,
        { Type: JTokenType.String } t => (string)t!,
        _ => throw new RubricException($"\"{name}\" must be a string in {Describe(o)}"),
    };

    private static decimal Num(JObject o, string name) =>
        o[name] is { } t && Parameters.TryNumber(t, out var number)
            ? number
            : throw new RubricException(o[name]?.Type is JTokenType.Integer or JTokenType.Float
                ? $"\"{name}\" is too large a number in {Describe(o)}"
                : $"\"{name}\" must be a number in {Describe(o)}");

    private static Parameters Params(JObject o)
    {
        if (o["parameters"] is null)
        {
            return Parameters.None;
        }

        if (o["parameters"] is not JObject p)
        {
            throw new RubricException($"\"parameters\" must be an object in {Describe(o)}");
        }

        return new Parameters(p.Properties().ToDictionary(x => x.Name, x => x.Value));
    }

    private static string Describe(JObject o) => o["id"] is { Type: JTokenType.String } id ? (string)id! : o.Path.Length > 0 ? o.Path : "the rubric";
}
