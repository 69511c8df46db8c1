using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.CX;

[Name(Id), Description("成果转化 Study turned into practice"), Tag("CX")]
internal sealed class ConversionRule : Rule
{
    public const string Id = "CX-05";

    public override void Define()
    {
        UnitFacts unit = null!;
        RowSet<OutputRow> outputRows = null!;
        IEnumerable<OutputRow> conversions = null!;

        When()
            .Match(() => unit)
            .Match(() => outputRows, x => x.Unit == unit)
            .Let(() => conversions, () => Conversions(outputRows));

        Then()
            .Do(_ => unit.Outcomes.Add(Conversion.Score(unit.Rubric.Item(Id)!, conversions)));
    }

    private static OutputRow[] Conversions(RowSet<OutputRow> rows) =>
        rows.Where(o => (o.Kind == OutputKind.Conversion) && (rows.Unit.Year.InYearOrBlank(o.Date))).ToArray();
}

/// <summary>CX-05: k outputs of kind 成果转化 in the year (any author or none), by Bands.</summary>
internal static class Conversion
{
    public static ItemOutcome Score(RubricItem item, IEnumerable<OutputRow> conversions)
    {
        var ids = FileOrder.ByLine(conversions, x => x.Source.Line).Select(x => x.OutputId).ToArray();
        return Outcomes.Score(item, Outcomes.Band(item.Parameters.Bands("Bands"), ids.Length, 1),
            $"成果转化 {Outcomes.F(ids.Length)} 项", $"{Outcomes.F(ids.Length)} result(s) turned into practice", ids);
    }
}
