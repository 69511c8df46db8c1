using Assessment.Core.Scoring;
using NRules.Extensibility;

namespace Assessment.Rules.Engine;

/// <summary>Where the rules of one session put their results: each rule's action adds one outcome. The rules get it
/// as a dependency (<c>Dependency().Resolve(() => sink)</c>), resolved to the session's own sink. The results are
/// not inserted as facts, because no rule matches them: inserting them only made the engine hash and store 41 more
/// facts per unit, about a third of the cost of firing the rules.</summary>
internal sealed class OutcomeSink : IDependencyResolver
{
    public List<ItemOutcome> Items { get; } = new(48);

    public List<VetoOutcome> Vetoes { get; } = new(4);

    public List<BonusOutcome> Bonus { get; } = new(4);

    public void Add(ItemOutcome outcome) => Items.Add(outcome);

    public void Add(VetoOutcome outcome) => Vetoes.Add(outcome);

    public void Add(BonusOutcome outcome) => Bonus.Add(outcome);

    object IDependencyResolver.Resolve(IResolutionContext context, Type serviceType) =>
        serviceType == typeof(OutcomeSink) ? this : throw new InvalidOperationException($"no dependency of type {serviceType.Name}");
}
