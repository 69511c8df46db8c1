using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Assessment.Core.Scoring;

/// <summary>A rubric (测评细则): categories, items with their points and parameters, vetoes, bonus and grade bands.</summary>
public sealed record Rubric(
    string Id,
    string Version,
    string TitleZh,
    string TitleEn,
    IReadOnlyList<RubricCategory> Categories,
    IReadOnlyList<RubricItem> Items,
    IReadOnlyList<RubricVeto> Vetoes,
    IReadOnlyList<RubricBonus> Bonus,
    decimal BonusCap,
    GradeBands Grades)
{
    private Dictionary<string, RubricItem>? _items;

    /// <summary>The item with this id, or null.</summary>
    public RubricItem? Item(string id) => (_items ??= Items.ToDictionary(i => i.Id)).GetValueOrDefault(id);

    /// <summary>The veto with this id.</summary>
    /// <exception cref="RubricException">The rubric has no such veto.</exception>
    public RubricVeto Veto(string id) => Vetoes.FirstOrDefault(v => v.Id == id) ?? throw new RubricException($"no veto {id}");

    /// <summary>The bonus item with this id.</summary>
    /// <exception cref="RubricException">The rubric has no such bonus item.</exception>
    public RubricBonus BonusItem(string id) => Bonus.FirstOrDefault(b => b.Id == id) ?? throw new RubricException($"no bonus item {id}");

    /// <summary>Every id of the rubric: items, vetoes and bonus items.</summary>
    public IEnumerable<string> AllIds => Items.Select(i => i.Id).Concat(Vetoes.Select(v => v.Id)).Concat(Bonus.Select(b => b.Id));
}

/// <summary>A category of items with its maximum points.</summary>
public sealed record RubricCategory(string Id, string TitleZh, string TitleEn, decimal Max)
{
    /// <summary>The title in the given language.</summary>
    public string Title(string lang) => lang == "en" ? TitleEn : TitleZh;
}

/// <summary>A scored item: id such as XS-01, category, titles, maximum points and parameters.</summary>
public sealed record RubricItem(string Id, string Category, string TitleZh, string TitleEn, decimal Max, Parameters Parameters, string? FormulaZh = null, string? FormulaEn = null)
{
    /// <summary>The title in the given language.</summary>
    public string Title(string lang) => lang == "en" ? TitleEn : TitleZh;
}

/// <summary>A veto (一票否决): it does not change the score but fails the grade.</summary>
public sealed record RubricVeto(string Id, string TitleZh, string TitleEn, Parameters Parameters)
{
    /// <summary>The title in the given language.</summary>
    public string Title(string lang) => lang == "en" ? TitleEn : TitleZh;
}

/// <summary>A bonus item (加分), added on top of 100 up to the rubric's cap.</summary>
public sealed record RubricBonus(string Id, string TitleZh, string TitleEn, Parameters Parameters)
{
    /// <summary>The title in the given language.</summary>
    public string Title(string lang) => lang == "en" ? TitleEn : TitleZh;
}

/// <summary>The grade thresholds: total at least Excellent with every category at least CategoryFloor of its max is 优秀, and so on.</summary>
public sealed record GradeBands(decimal Excellent, decimal Good, decimal Pass, decimal CategoryFloor);

/// <summary>One band of a banded item: a value at least (or above) <see cref="Threshold"/> earns <see cref="Points"/>.</summary>
public sealed record Band(decimal Threshold, bool Strict, decimal Points)
{
    /// <summary>Whether the value reaches this band.</summary>
    public bool Admits(decimal value) => Strict ? value > Threshold : value >= Threshold;

    /// <summary>The band as a formula fragment, e.g. "≥ 80% → 4".</summary>
    public string Describe(bool percent) =>
        $"{(Strict ? ">" : "≥")} {(percent ? Numbers.Percent(Threshold) : Numbers.Format(Threshold))} → {Numbers.Format(Points)}";
}

/// <summary>The named parameters of an item: numbers, flags, month-days and band tables, read from the rubric JSON.</summary>
public sealed class Parameters
{
    private readonly IReadOnlyDictionary<string, JToken> _values;

    // Rules ask for the same parameters for every unit: numbers and band tables are converted once, here. A value
    // that is not a number or not a valid table is not cached, so asking for it throws as before.
    private readonly Dictionary<string, decimal> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Band>> _bands = new(StringComparer.Ordinal);

    /// <summary>Wraps the parameter values of one item.</summary>
    public Parameters(IReadOnlyDictionary<string, JToken> values)
    {
        _values = values;
        foreach (var (name, t) in values)
        {
            if (TryNumber(t, out var number))
            {
                _numbers[name] = number;
            }
            else if (TryBands(t, out var bands))
            {
                _bands[name] = bands;
            }
        }
    }

    /// <summary>No parameters.</summary>
    public static Parameters None { get; } = new(new Dictionary<string, JToken>());

    /// <summary>The parameter names, in file order.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Whether the parameter is present.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The raw JSON value, for display.</summary>
    public JToken Raw(string name) => Get(name);

    /// <summary>A number parameter.</summary>
    public decimal Number(string name)
    {
        if (_numbers.TryGetValue(name, out var d))
        {
            return d;
        }

        var t = Get(name);
        throw new RubricException(t.Type is JTokenType.Integer or JTokenType.Float
            ? $"parameter {name} is too large a number: {t}"
            : $"parameter {name} must be a number, not {t}");
    }

    /// <summary>A JSON number as a decimal; false for anything else, and for a number a decimal cannot hold (1e30).</summary>
    internal static bool TryNumber(JToken t, out decimal number)
    {
        number = 0;
        if (t.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            return false;
        }

        try
        {
            number = t.Value<decimal>();
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>A whole-number parameter.</summary>
    public int Whole(string name)
    {
        var d = Number(name);
        return d == decimal.Truncate(d) && d is >= 0 and <= 100000 ? (int)d : throw new RubricException($"parameter {name} must be a whole number from 0, not {d}");
    }

    /// <summary>A true/false parameter.</summary>
    public bool Flag(string name)
    {
        var t = Get(name);
        return t.Type == JTokenType.Boolean ? t.Value<bool>() : throw new RubricException($"parameter {name} must be true or false, not {t}");
    }

    /// <summary>A month-day parameter written "MM-dd", e.g. "01-31".</summary>
    public (int Month, int Day) MonthDay(string name)
    {
        var s = Get(name).Type == JTokenType.String ? Get(name).Value<string>()! : "";
        var parts = s.Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(2000, m))
        {
            return (m, d);
        }

        throw new RubricException($"parameter {name} must be a month-day such as \"01-31\", not {Get(name)}");
    }

    /// <summary>A band table: an array of {"atLeast": x, "points": p} or {"above": x, "points": p}, best band first.</summary>
    public IReadOnlyList<Band> Bands(string name)
    {
        if (_bands.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (Get(name) is not JArray array || array.Count == 0)
        {
            throw new RubricException($"parameter {name} must be a non-empty array of bands");
        }

        var bad = array.First(t => !TryBand(t, out _));
        throw new RubricException($"parameter {name}: each band needs \"atLeast\" or \"above\" and \"points\", not {bad.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    private static bool TryBands(JToken t, out IReadOnlyList<Band> bands)
    {
        var list = new List<Band>();
        bands = list.AsReadOnly();
        if (t is not JArray array || array.Count == 0)
        {
            return false;
        }

        foreach (var x in array)
        {
            if (!TryBand(x, out var band))
            {
                return false;
            }

            list.Add(band);
        }

        return true;
    }

    private static bool TryBand(JToken t, out Band band)
    {
        band = null!;
        if (t is not JObject o || o["points"] is not { } p || (o["atLeast"] ?? o["above"]) is not { } th
            || !TryNumber(p, out var points) || !TryNumber(th, out var threshold))
        {
            return false;
        }

        band = new Band(threshold, o["above"] is not null, points);
        return true;
    }

    private JToken Get(string name) =>
        _values.TryGetValue(name, out var t) ? t : throw new RubricException($"parameter {name} is missing");
}

/// <summary>A rubric that cannot be used: a missing or bad parameter, points that do not add up, an id without a rule.</summary>
public sealed class RubricException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong.</summary>
    public RubricException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RubricException()
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public RubricException(string message, Exception inner) : base(message, inner)
    {
    }
}
