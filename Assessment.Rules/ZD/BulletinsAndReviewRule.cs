using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Rules.Facts;
using NRules.Fluent.Dsl;

namespace Assessment.Rules.ZD;

[Name(Id), Description("通报与述学考核 Bulletins and member review"), Tag("ZD")]
internal sealed class BulletinsAndReviewRule : Rule
{
    public const string Id = "ZD-06";

    public override void Define()
    {
        UnitFacts unit = null!;
        RowSet<DocumentRow> documentRows = null!;
        IEnumerable<DocumentRow> documents = null!;

        When()
            .Match(() => unit)
            .Match(() => documentRows, x => x.Unit == unit)
            .Let(() => documents, () => Documents(documentRows));

        Then()
            .Do(_ => unit.Outcomes.Add(BulletinsAndReview.Score(unit.Rubric.Item(Id)!, documents)));
    }

    private static DocumentRow[] Documents(RowSet<DocumentRow> rows) =>
        rows.Where(d => (d.Kind == DocumentKind.Bulletin || d.Kind == DocumentKind.MemberReview) && (rows.Unit.Year.InWindowOrBlank(d.Date))).ToArray();
}

/// <summary>ZD-06: + BulletinPoints if 通报 in W(Y) ≥ MinBulletinsPerYear; + ReviewPoints if a 述学考核 is dated in W(Y).</summary>
internal static class BulletinsAndReview
{
    public static ItemOutcome Score(RubricItem item, IEnumerable<DocumentRow> documents)
    {
        var d = FileOrder.ByLine(documents, x => x.Source.Line);
        var min = item.Parameters.Whole("MinBulletinsPerYear");
        var bulletins = d.Count(x => x.Kind == DocumentKind.Bulletin);
        var reviews = d.Count(x => x.Kind == DocumentKind.MemberReview);
        var points = (bulletins >= min ? item.Parameters.Number("BulletinPoints") : 0) + (reviews > 0 ? item.Parameters.Number("ReviewPoints") : 0);
        return Outcomes.Score(item, points,
            $"通报 {Outcomes.F(bulletins)} 次（要求 ≥ {Outcomes.F(min)}），述学考核 {Outcomes.F(reviews)} 次",
            $"{Outcomes.F(bulletins)} bulletin(s) (needs ≥ {Outcomes.F(min)}), {Outcomes.F(reviews)} member review(s)",
            d.Select(x => x.DocId));
    }
}
