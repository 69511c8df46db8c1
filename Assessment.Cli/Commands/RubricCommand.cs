using System.CommandLine;
using Assessment.Cli.Rendering;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Newtonsoft.Json;

namespace Assessment.Cli.Commands;

/// <summary><c>assess rubric list</c> and <c>assess rubric show &lt;name|file&gt;</c>: the rubrics, their items, points,
/// parameters and each item's formula in words.</summary>
internal static class RubricCommand
{
    public static Command Build(Terminal terminal)
    {
        var list = new Command("list", "列出内置测评方案 / list the built-in rubrics");
        var listLang = Options.Lang();
        list.Add(listLang);
        list.SetAction(r =>
        {
            var zh = r.GetValue(listLang) != "en";
            foreach (var rubric in RubricCatalog.Names.Select(RubricCatalog.Load))
            {
                terminal.Out.WriteLine($"{rubric.Id,-12} {rubric.Version,-8} {(zh ? rubric.TitleZh : rubric.TitleEn)}");
                terminal.Out.WriteLine("             " + string.Join("  ", rubric.Categories.Select(c => $"{c.Id} {Numbers.Format(c.Max)}"))
                    + $"  ({rubric.Items.Count} {(zh ? "项" : "items")}, {rubric.Vetoes.Count} {(zh ? "否决项" : "vetoes")}, {rubric.Bonus.Count} {(zh ? "加分项" : "bonus items")})");
            }

            return 0;
        });

        var show = new Command("show", "显示测评方案的全部项目 / show every item of a rubric");
        var name = new Argument<string>("name") { Description = "standard | grassroots | 文件.json" };
        var showLang = Options.Lang();
        show.Add(name);
        show.Add(showLang);
        show.SetAction(r =>
        {
            Rubric rubric;
            try
            {
                rubric = RubricCatalog.Load(r.GetValue(name)!);
            }
            catch (RubricException e)
            {
                throw new UsageException(Unusable(e));
            }

            Write(terminal.Out, rubric, r.GetValue(showLang)!);
            return 0;
        });

        return new Command("rubric", "测评方案 / the rubrics: list, show") { list, show };
    }

    /// <summary>A rubric that cannot be loaded, in both languages; the detail, which names the rubric file's JSON keys
    /// and parameters, is the library's English.</summary>
    internal static string Unusable(RubricException e) => $"测评方案无法使用 / the rubric cannot be used: {e.Message}";

    internal static void Write(TextWriter w, Rubric r, string lang)
    {
        var zh = lang != "en";
        w.WriteLine($"{(zh ? r.TitleZh : r.TitleEn)}  [{r.Id} {r.Version}]");
        foreach (var c in r.Categories)
        {
            w.WriteLine();
            w.WriteLine($"{c.Id} {c.Title(lang)} — {Numbers.Format(c.Max)} {(zh ? "分" : "points")}");
            foreach (var i in r.Items.Where(i => i.Category == c.Id))
            {
                w.WriteLine($"  {i.Id} {i.Title(lang)} ({Numbers.Format(i.Max)})");
                var formula = zh ? i.FormulaZh : i.FormulaEn;
                if (formula is not null)
                {
                    w.WriteLine($"        {formula}");
                }

                if (i.Parameters.Names.Any())
                {
                    w.WriteLine("        " + string.Join("; ", i.Parameters.Names.Select(n => $"{n} = {i.Parameters.Raw(n).ToString(Formatting.None)}")));
                }
            }
        }

        w.WriteLine();
        w.WriteLine(zh ? "一票否决（不影响得分，等次为不合格）" : "Vetoes (the score stands; the grade is fail)");
        foreach (var v in r.Vetoes)
        {
            w.WriteLine($"  {v.Id} {v.Title(lang)}" + (v.Parameters.Names.Any() ? "  " + string.Join("; ", v.Parameters.Names.Select(n => $"{n} = {v.Parameters.Raw(n)}")) : ""));
        }

        w.WriteLine();
        w.WriteLine(zh ? $"加分（合计不超过 {Numbers.Format(r.BonusCap)} 分）" : $"Bonus (at most {Numbers.Format(r.BonusCap)} in all)");
        foreach (var b in r.Bonus)
        {
            w.WriteLine($"  {b.Id} {b.Title(lang)}  " + string.Join("; ", b.Parameters.Names.Select(n => $"{n} = {b.Parameters.Raw(n)}")));
        }

        var g = r.Grades;
        w.WriteLine();
        w.WriteLine(zh
            ? $"等次：优秀 ≥ {Numbers.Format(g.Excellent)} 且各类得分 ≥ {Numbers.Percent(g.CategoryFloor)}；良好 ≥ {Numbers.Format(g.Good)}；合格 ≥ {Numbers.Format(g.Pass)}；否则不合格；有否决项即不合格"
            : $"Grades: excellent ≥ {Numbers.Format(g.Excellent)} with every category ≥ {Numbers.Percent(g.CategoryFloor)}; good ≥ {Numbers.Format(g.Good)}; pass ≥ {Numbers.Format(g.Pass)}; else fail; any veto fails");
    }
}
