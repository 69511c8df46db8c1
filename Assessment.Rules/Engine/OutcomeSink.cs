using Assessment.Core.Scoring;

namespace Assessment.Rules.Engine;

/// <summary>Where the rules put their conclusions about one unit: each rule's action adds one outcome to the sink of
/// the unit it matched (<c>unit.Outcomes</c>). The results are not inserted as facts, because no rule matches them:
/// inserting them only made the engine hash and store 41 more facts per unit, about a third of the cost of firing
/// the rules.</summary>
internal sealed class OutcomeSink
{
    public List<ItemOutcome> Items { get; } = new(48);

    public List<VetoOutcome> Vetoes { get; } = new(4);

    public List<BonusOutcome> Bonus { get; } = new(4);

    public void Add(ItemOutcome outcome) => Items.Add(outcome);

    public void Add(VetoOutcome outcome) => Vetoes.Add(outcome);

    public void Add(BonusOutcome outcome) => Bonus.Add(outcome);
}
