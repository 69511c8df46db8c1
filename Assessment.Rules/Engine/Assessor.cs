using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Facts;

namespace Assessment.Rules.Engine;

/// <summary>The result of scoring one unit: its scorecard, or the reason it could not be scored.</summary>
public sealed record UnitScore(UnitRecord Unit, Scorecard? Scorecard, string? Failure);

/// <summary>Scores study-group exports against a rubric. Thread-safe: the rules are compiled once; <see cref="Score"/>
/// opens a rules session for its unit, and <see cref="ScoreAll"/> one for every 16 units.</summary>
public sealed class Assessor
{
    /// <summary>The most scoring threads a call uses; a larger <c>parallelism</c> is taken as this.</summary>
    public const int MaxParallelism = 512;

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

    /// <summary>How many units share one rules session in <see cref="ScoreAll"/>. A session has a fixed cost (its node
    /// memories, about half of the engine's time for a typical unit), which a batch shares; the rules join each fact
    /// to its unit, and those joins grow with the square of the batch, so batches stay small (docs/performance.md).</summary>
    internal const int BatchSize = 16;

    /// <summary>How many batches per scoring thread may be taken from the units ahead of the one whose results are
    /// due: enough that a thread seldom waits for a slower one, few enough that units streamed from a read are
    /// dropped soon after they are scored (docs/performance.md).</summary>
    internal const int Lookahead = 4;

    /// <summary>Scores one unit in a rules session of its own.</summary>
    /// <param name="unit">The unit's rows; they must be valid (as <see cref="CsvExport"/> returns them).</param>
    /// <param name="asOf">The date waiver expiry is judged on.</param>
    public Scorecard Score(UnitRecord unit, DateOnly asOf)
    {
        var facts = Fire([unit])[0];
        return Card(unit, facts, asOf);
    }

    /// <summary>Scores every valid unit of an export, in parallel, yielding results in input order as they are ready.
    /// A unit that fails is reported in its <see cref="UnitScore"/> and never stops the others.</summary>
    public IEnumerable<UnitScore> ScoreAll(Export export, DateOnly asOf, int parallelism = 0, CancellationToken cancellationToken = default) =>
        ScoreAllThen(export, asOf, s => s, parallelism, cancellationToken);

    /// <summary>As <see cref="ScoreAll"/>, with <paramref name="then"/> run
    /// on the scoring thread for each result (to render it, say), so that this work is spread over the cores too.
    /// Results still come in input order; <paramref name="then"/> must be safe to call on several threads at once.</summary>
    public IEnumerable<T> ScoreAllThen<T>(Export export, DateOnly asOf, Func<UnitScore, T> then, int parallelism = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        return ScoreUnitsThen(export.Units, asOf, then, parallelism, cancellationToken);
    }

    /// <summary>As <see cref="ScoreAllThen{T}(Export, DateOnly, Func{UnitScore, T}, int, CancellationToken)"/>, for
    /// units as they come (from <see cref="CsvExport.Stream"/>, say): they are taken as the scoring threads need
    /// them, and the results still come in their order.</summary>
    public IEnumerable<T> ScoreUnitsThen<T>(IEnumerable<UnitRecord> units, DateOnly asOf, Func<UnitScore, T> then, int parallelism = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(then);
        var threads = Math.Clamp(parallelism > 0 ? parallelism : Environment.ProcessorCount, 1, MaxParallelism);
        return OrderedParallel.Map(units.Chunk(BatchSize), batch => ScoreBatch(batch, asOf).Select(then).ToArray(), threads,
                Lookahead * threads, cancellationToken)
            .SelectMany(results => results);
    }

    /// <summary>Inserts the facts of the units into one session and fires the rules once for all of them.</summary>
    private UnitFacts[] Fire(IReadOnlyList<UnitRecord> units)
    {
        var session = RuleInventory.Factory.CreateSession();
        var facts = new List<object>(units.Count * 8); // eight facts per unit (FactBuilder)
        var unitFacts = new UnitFacts[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var f = FactBuilder.Build(units[i], RubricFor(units[i].Unit));
            unitFacts[i] = (UnitFacts)f[0];
            facts.AddRange(f);
        }

        session.InsertAll(facts);
        session.Fire();
        return unitFacts;
    }

    private static Scorecard Card(UnitRecord unit, UnitFacts facts, DateOnly asOf)
    {
        var (rubric, items, vetoes, bonus) = (facts.Rubric, facts.Outcomes.Items, facts.Outcomes.Vetoes, facts.Outcomes.Bonus);
        var ids = ExpectedIds.GetValue(rubric, r => new ExpectedIdSets(r));
        Expect(items, i => i.ItemId, ids.Items, unit.UnitId);
        Expect(vetoes, v => v.VetoId, ids.Vetoes, unit.UnitId);
        Expect(bonus, b => b.BonusId, ids.Bonus, unit.UnitId);
        return ScorecardBuilder.Build(rubric, unit.Unit, items, vetoes, bonus, unit.Waivers, asOf);
    }

    /// <summary>A batch in one session; if a rule throws for one of its units, the batch is scored again one unit per
    /// session, so that only the unit at fault fails (with the message of its own failure).</summary>
    private IEnumerable<UnitScore> ScoreBatch(UnitRecord[] batch, DateOnly asOf)
    {
        UnitFacts[] facts;
        try
        {
            facts = Fire(batch);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return batch.Select(u => Safely(u, () => Score(u, asOf)));
        }

        return batch.Select((u, i) => Safely(u, () => Card(u, facts[i], asOf)));
    }

    private static UnitScore Safely(UnitRecord unit, Func<Scorecard> score)
    {
        try
        {
            return new UnitScore(unit, score(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new UnitScore(unit, null, e.Message);
        }
    }

    // The ids each kind of outcome must cover exactly once, per rubric, computed once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Rubric, ExpectedIdSets> ExpectedIds = new();

    private sealed class ExpectedIdSets(Rubric r)
    {
        public Dictionary<string, int> Items { get; } = Index(r.Items.Select(i => i.Id));

        public Dictionary<string, int> Vetoes { get; } = Index(r.Vetoes.Select(v => v.Id));

        public Dictionary<string, int> Bonus { get; } = Index(r.Bonus.Select(b => b.Id));

        private static Dictionary<string, int> Index(IEnumerable<string> ids) =>
            ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The rules gave exactly one outcome for each id of the rubric: a rule that did not fire, or fired twice
    /// (a join that is not keyed to the unit), is a bug, reported for the unit and never scored.</summary>
    internal static void Expect<T>(List<T> got, Func<T, string> id, Dictionary<string, int> want, string unitId)
    {
        var ok = got.Count == want.Count;
        if (ok)
        {
            Span<bool> seen = want.Count <= 256 ? stackalloc bool[want.Count] : new bool[want.Count];
            foreach (var o in got)
            {
                if (!want.TryGetValue(id(o), out var i) || seen[i])
                {
                    ok = false;
                    break;
                }

                seen[i] = true;
            }
        }

        if (!ok)
        {
            var g = got.Select(id).Order(StringComparer.Ordinal);
            var w = want.Keys.Order(StringComparer.Ordinal);
            throw new InvalidOperationException($"unit {unitId}: the rules gave results for [{string.Join(", ", g)}], expected exactly one for each of [{string.Join(", ", w)}]");
        }
    }
}
