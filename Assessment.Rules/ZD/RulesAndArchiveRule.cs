using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZD;

[Name(Id), Description("学习制度与档案 Study rules and archive"), Tag("ZD")]
internal sealed class RulesAndArchiveRule : Rule
{
    public const string Id = "ZD-05";

    public override void Define()
    {
        UnitFacts unit = null!;
        RowSet<DocumentRow> documentRows = null!;
        IEnumerable<DocumentRow> rules = null!;
        IEnumerable<DocumentRow> archives = null!;

        When()
            .Match(() => unit)
            .Match(() => documentRows, x => x.Unit == unit)
            .Let(() => rules, () => Rules(documentRows))
            .Let(() => archives, () => Archives(documentRows));

        Then()
            .Do(_ => unit.Outcomes.Add(RulesAndArchive.Score(unit.Rubric.Item(Id)!, rules, archives)));
    }

    private static DocumentRow[] Rules(RowSet<DocumentRow> rows) =>
        rows.Where(d => (d.Kind == DocumentKind.Rules) && (d.Date == null || d.Date.Value <= rows.Unit.Year.WindowEnd)).ToArray();

    private static DocumentRow[] Archives(RowSet<DocumentRow> rows) =>
        rows.Where(d => (d.Kind == DocumentKind.Archive) && (rows.Unit.Year.InWindowOrBlank(d.Date))).ToArray();
}

/// <summary>ZD-05: + RulesPoints for a 学习制度 dated on or before (Y+1)-03-31 or blank; + ArchivePoints for a 学习档案 in W(Y).</summary>
internal static class RulesAndArchive
{
    public static ItemOutcome Score(RubricItem item, IEnumerable<DocumentRow> rules, IEnumerable<DocumentRow> archives)
    {
        var r = FileOrder.ByLine(rules, x => x.Source.Line).Select(x => x.DocId).ToArray();
        var a = FileOrder.ByLine(archives, x => x.Source.Line).Select(x => x.DocId).ToArray();
        var points = (r.Length > 0 ? item.Parameters.Number("RulesPoints") : 0) + (a.Length > 0 ? item.Parameters.Number("ArchivePoints") : 0);
        return Outcomes.Score(item, points,
            $"学习制度 {Outcomes.F(r.Length)} 份，学习档案 {Outcomes.F(a.Length)} 份",
            $"{Outcomes.F(r.Length)} study rules document(s), {Outcomes.F(a.Length)} archive(s)", r.Concat(a));
    }
}
