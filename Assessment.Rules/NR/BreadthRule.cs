using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.NR;

[Name(Id), Description("内容覆盖面 Breadth of content"), Tag("NR")]
internal sealed class BreadthRule : Rule
{
    public const string Id = "NR-03";

    public override void Define()
    {
        UnitFacts unit = null!;
        SessionFacts sessions = null!;

        When()
            .Match(() => unit)
            .Match(() => sessions, s => s.Unit == unit);

        Then()
            .Do(_ => unit.Outcomes.Add(Breadth.Score(unit.Rubric.Item(Id)!, sessions)));
    }
}

/// <summary>NR-03: c = how many of {党章党规党纪, 党史, 法律法规} tag at least one session, by Bands.</summary>
internal static class Breadth
{
    private static readonly ContentTag[] Areas = [ContentTag.PartyRules, ContentTag.PartyHistory, ContentTag.Law];

    public static ItemOutcome Score(RubricItem item, SessionFacts s)
    {
        if (s.Count == 0)
        {
            return Outcomes.NoSessions(item);
        }

        var covered = Areas.Where(a => s.Any(x => x.Row.Tags.Contains(a))).ToArray();
        var zh = covered.Length == 0 ? "无" : string.Join("、", covered.Select(Vocabularies.Tag.Zh));
        var en = covered.Length == 0 ? "none" : string.Join(", ", covered.Select(a => Vocabularies.Tag.En(a).Replace('_', ' ')));
        return Outcomes.Score(item, Outcomes.Band(item.Parameters.Bands("Bands"), covered.Length, 1),
            $"覆盖 {Outcomes.F(covered.Length)}/3 类（{zh}）", $"{Outcomes.F(covered.Length)} of 3 areas covered ({en})",
            s.Ids);
    }
}
