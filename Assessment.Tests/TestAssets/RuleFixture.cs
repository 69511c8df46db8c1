using System.Collections.Concurrent;
using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules;
using NRules.Fluent;

namespace Assessment.Tests.TestAssets;

/// <summary>Runs one rule on its own against a unit's facts (NRules.Testing is not on the feed): compiles just that
/// rule class, inserts the facts and the rubric entries, fires, and returns what the rule concluded.</summary>
internal static class RuleFixture
{
    private static readonly ConcurrentDictionary<Type, ISessionFactory> Factories = new();

    internal static OutcomeSink Fire(Type rule, UnitRecord unit, Rubric? rubric = null)
    {
        rubric ??= RubricCatalog.Standard;
        var factory = Factories.GetOrAdd(rule, t =>
        {
            var repository = new RuleRepository();
            repository.Load(x => x.From(t).PrivateTypes());
            return RuleInventory.Compile(repository.GetRules());
        });
        var facts = FactBuilder.Build(unit, rubric);
        var session = factory.CreateSession();
        session.InsertAll(facts);
        session.Fire();
        return ((UnitFacts)facts[0]).Outcomes;
    }

    /// <summary>The one item outcome of <typeparamref name="TRule"/>; fails if the rule fired zero or several times.</summary>
    public static ItemOutcome Item<TRule>(UnitBuilder unit, Rubric? rubric = null) =>
        Fire(typeof(TRule), unit.Build(), rubric).Items.Should().ContainSingle().Subject;

    public static VetoOutcome Veto<TRule>(UnitBuilder unit, Rubric? rubric = null) =>
        Fire(typeof(TRule), unit.Build(), rubric).Vetoes.Should().ContainSingle().Subject;

    public static BonusOutcome Bonus<TRule>(UnitBuilder unit, Rubric? rubric = null) =>
        Fire(typeof(TRule), unit.Build(), rubric).Bonus.Should().ContainSingle().Subject;

    /// <summary>The status the scorecard would give the outcome (no waiver).</summary>
    public static ItemStatus Status(this ItemOutcome o, Rubric? rubric = null)
    {
        var max = (rubric ?? RubricCatalog.Standard).Item(o.ItemId)!.Max;
        return ScorecardBuilder.DeriveStatus(o.Score, max, o.NotApplicable, false, o.Evidence.Count > 0);
    }
}
