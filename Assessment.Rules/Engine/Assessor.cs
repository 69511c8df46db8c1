using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Facts;

namespace Assessment.Rules.Engine;

/// <summary>The result of scoring one unit: its scorecard, or the reason it could not be scored.</summary>
public sealed record UnitScore(UnitRecord Unit, Scorecard? Scorecard, string? Failure);

/// <summary>Scores study-group exports against a rubric. Thread-safe: the rules are compiled once, and every unit is
/// scored in its own rules session.</summary>
public sealed class Assessor
{
    private readonly Rubric? _override;

    private Assessor(Rubric? rubricOverride) => _override = rubricOverride;

    /// <summary>An assessor that scores each unit by the built-in rubric of its profile (standard by default).</summary>
    public static Assessor Create()
    {
        _ = RubricCatalog.Standard;
        _ = RubricCatalog.Grassroots;
        return new Assessor(null);
    }

    /// <summary>An assessor that scores every unit by one rubric, whatever the unit's profile (<c>--rubric</c>).</summary>
    /// <exception cref="RubricException">The rubric and the rules do not name the same ids, or a parameter is missing or out of range.</exception>
    public static Assessor Create(Rubric rubric) => new(RubricCatalog.Checked(rubric, rubric.Id));

    /// <summary>The rubric a unit is scored by.</summary>
    public Rubric RubricFor(UnitRow unit) => _override ?? RubricCatalog.ForProfile(unit.Profile);

    /// <summary>Read options that check waivers against the rubric in force and judge expiry on <paramref name="asOf"/>.</summary>
    public ReadOptions ReadOptions(DateOnly asOf, bool strict = false, System.Text.Encoding? encoding = null) => new()
    {
        AsOf = asOf,
        Strict = strict,
        Encoding = encoding,
        ClassifyWaiverItem = Classify,
    };

    private WaiverTarget Classify(UnitRow? unit, string itemId)
    {
        var rubric = _override ?? (unit is null ? RubricCatalog.Standard : RubricFor(unit));
        return rubric.Item(itemId) is not null ? WaiverTarget.Item
            : rubric.Vetoes.Any(v => v.Id == itemId) || rubric.Bonus.Any(b => b.Id == itemId) ? WaiverTarget.NotWaivable
            : WaiverTarget.Unknown;
    }

    /// <summary>Compiles the rules now instead of on the first <see cref="Score"/>: a caller can do it on another thread
    /// while it reads the export (the command line does). Thread-safe; the rules are compiled once per process.</summary>
    public void Prepare() => _ = RuleInventory.Factory;

    /// <summary>Scores one unit in one rules session.</summary>
    /// <param name="unit">The unit's rows; they must be valid (as <see cref="CsvExport"/> returns them).</param>
    /// <param name="asOf">The date waiver expiry is judged on.</param>
    public Scorecard Score(UnitRecord unit, DateOnly asOf)
    {
        var rubric = RubricFor(unit.Unit);
        var sink = new OutcomeSink();
        var session = RuleInventory.Factory.CreateSession();
        session.DependencyResolver = sink;
        var facts = FactBuilder.Build(unit);
        facts.Add(rubric); // one fact: each rule looks up its own entry by id
        session.InsertAll(facts);
        session.Fire();

        var (items, vetoes, bonus) = (sink.Items, sink.Vetoes, sink.Bonus);
        Expect(items.Select(i => i.ItemId), rubric.Items.Select(i => i.Id), unit.UnitId);
        Expect(vetoes.Select(v => v.VetoId), rubric.Vetoes.Select(v => v.Id), unit.UnitId);
        Expect(bonus.Select(b => b.BonusId), rubric.Bonus.Select(b => b.Id), unit.UnitId);
        return ScorecardBuilder.Build(rubric, unit.Unit, items, vetoes, bonus, unit.Waivers, asOf);
    }

    /// <summary>Scores every valid unit of an export, in parallel, yielding results in input order as they are ready.
    /// A unit that fails is reported in its <see cref="UnitScore"/> and never stops the others.</summary>
    public IEnumerable<UnitScore> ScoreAll(Export export, DateOnly asOf, int parallelism = 0, CancellationToken cancellationToken = default)
    {
        var degree = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        return export.Units
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(Math.Clamp(degree, 1, 512))
            .WithCancellation(cancellationToken)
            .Select(u => ScoreSafely(u, asOf));
    }

    private UnitScore ScoreSafely(UnitRecord unit, DateOnly asOf)
    {
        try
        {
            return new UnitScore(unit, Score(unit, asOf), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new UnitScore(unit, null, e.Message);
        }
    }

    private static void Expect(IEnumerable<string> got, IEnumerable<string> want, string unitId)
    {
        var g = got.Order(StringComparer.Ordinal).ToArray();
        var w = want.Order(StringComparer.Ordinal).ToArray();
        if (!g.SequenceEqual(w))
        {
            throw new InvalidOperationException($"unit {unitId}: the rules gave results for [{string.Join(", ", g)}], expected exactly one for each of [{string.Join(", ", w)}]");
        }
    }
}
