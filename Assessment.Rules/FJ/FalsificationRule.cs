using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.FJ;

[Name(Id), Description("弄虚作假 Falsified records"), Tag("FJ")]
internal sealed class FalsificationRule : Rule
{
    public const string Id = "FJ-02";

    public override void Define()
    {
        OutcomeSink sink = null!;
        Rubric rubric = null!;
        IEnumerable<ReviewRow> findings = null!;

        Dependency()
            .Resolve(() => sink);

        When()
            .Match(() => rubric)
            .Query(() => findings, q => q.Match<ReviewRow>(r => r.Finding == Finding.Falsification).Collect());

        Then()
            .Do(_ => sink.Add(Vetoes.FromReviews(rubric.Veto(Id), findings, "核查发现弄虚作假", "a review found falsified records")));
    }
}
