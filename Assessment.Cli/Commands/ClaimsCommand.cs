using System.CommandLine;
using System.Globalization;
using Assessment.Cli.Rendering;
using Assessment.Core.Diagnostics;
using Assessment.Core.Model;
using Assessment.Rules.Claims;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Cli.Commands;

/// <summary><c>assess claims &lt;report&gt;...</c>: what a narrative report claims per rubric item, its template blanks,
/// and with <c>--export --unit</c> whether the records bear each claim out.</summary>
internal static class ClaimsCommand
{
    public static Command Build(Terminal terminal)
    {
        var reports = new Argument<string[]>("reports") { Description = "报告文件（.txt、.md、.docx）/ report files (.txt, .md, .docx)", Arity = ArgumentArity.OneOrMore };
        var export = new Option<string?>("--export") { Description = "核对用的导出数据 / the export to check the claims against" };
        var unit = new Option<string?>("--unit") { Description = "报告所属单位 / the unit the report is about" };
        var format = new Option<string>("--format") { Description = "table | json | markdown", DefaultValueFactory = _ => "table" }.AcceptOnlyFromAmong("table", "json", "markdown");
        var lang = Options.Lang();
        var asOf = Options.AsOf();
        var command = new Command("claims", "读取自查报告、学习总结中的说法并与记录核对 / read what a narrative report claims, and check it against the records")
        {
            reports, export, unit, format, lang, asOf,
        };
        command.SetAction(r =>
        {
            var files = r.GetValue(reports)!;
            var t = new Text(r.GetValue(lang)!);
            if (r.GetValue(export) is not null != r.GetValue(unit) is not null)
            {
                throw new UsageException("--export 与 --unit 须同时给出 / give --export and --unit together");
            }

            var read = files.Select(f => Read(f)).ToList();
            if (r.GetValue(export) is { } exportPath)
            {
                var day = Options.ParseAsOf(r.GetValue(asOf));
                var assessor = ExportLoader.CreateAssessor(null);
                var options = assessor.ReadOptions(day) with { Cancellation = terminal.Cancellation };
                using var input = ExportInput.Open(exportPath, options);
                var (data, found) = ExportLoader.ReadUnit(input, options, r.GetValue(unit)!);
                var record = found ?? throw NoRecords(data, exportPath, r.GetValue(unit)!, t);
                read = read.Select(x => Reconciler.Reconcile(x, record, assessor, day)).ToList();
            }

            switch (r.GetValue(format))
            {
                case "json":
                    WriteJson(terminal.Out, read);
                    break;
                case "markdown":
                    WriteMarkdown(terminal.Out, read, t);
                    break;
                default:
                    WriteTable(terminal.Out, read, t);
                    break;
            }

            return 0;
        });
        return command;
    }

    /// <summary>Why the unit's records cannot be set against the report: the export's first file error, the unit's first
    /// row error, or no such unit.</summary>
    private static UsageException NoRecords(Export data, string exportPath, string unitId, Text t)
    {
        if (data.Diagnostics.FirstOrDefault(d => d.Severity == Severity.FileError) is { } file)
        {
            return new UsageException($"--export {exportPath}: 导出数据有文件错误，无法核对 / the export has a file error: {PlainText.Printable(file.Format(t.Lang))}");
        }

        return data.InvalidUnits.FirstOrDefault(u => u.UnitId == unitId) is { } invalid
            ? new UsageException($"--unit {unitId}: 该单位的数据有错误，无法核对 / the unit's records have errors: {PlainText.Printable(invalid.Errors[0].Format(t.Lang))}")
            : Options.NoSuchUnits([unitId]);
    }

    private static ClaimReport Read(string path)
    {
        if (!File.Exists(path))
        {
            // The reports take any number of paths, so an option this command does not have arrives here as one.
            throw new UsageException(path.StartsWith('-')
                ? $"{path}: 不是 claims 的选项 / not an option of claims (assess claims --help)"
                : Directory.Exists(path)
                    ? $"{path}: 是文件夹，请给出报告文件（.docx 或文本）/ is a folder; give the report files (.docx or text)"
                    : $"{path}: 文件不存在 / no such file");
        }

        try
        {
            return ClaimExtractor.Read(Path.GetFileName(path), ReportReader.Paragraphs(path));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FormatException)
        {
            throw new UsageException($"{path}: 无法读取报告 / cannot read the report: {e.Message}");
        }
    }

    internal static JObject Json(ClaimReport r)
    {
        var reconciled = r.Unmentioned is not null;
        var o = new JObject
        {
            ["file"] = r.File,
            ["unfilled"] = r.Unfilled,
            ["claims"] = new JArray(r.Claims.Select(c =>
            {
                var claim = new JObject
                {
                    ["kind"] = c.Kind,
                    ["item"] = c.Item,
                    ["value"] = c.Value switch { int n => n, decimal d => new JRaw(d.ToString(CultureInfo.InvariantCulture)), var s => (string)s },
                    ["comparator"] = c.Comparator,
                    ["stance"] = c.Stance,
                    ["line"] = c.Line,
                    ["text"] = c.Text,
                };
                if (reconciled)
                {
                    claim["records"] = c.Records is { } rec ? new JRaw(Core.Scoring.Numbers.Format(rec)) : null;
                    claim["verdict"] = c.Verdict;
                }

                return claim;
            })),
            ["placeholders"] = new JArray(r.Placeholders.Select(p => new JObject { ["kind"] = p.Kind, ["line"] = p.Line, ["text"] = p.Text })),
        };
        if (reconciled)
        {
            o["unmentioned"] = new JArray(r.Unmentioned!);
        }

        return o;
    }

    private static void WriteJson(TextWriter w, IReadOnlyList<ClaimReport> reports)
    {
        JToken root = reports.Count == 1 ? Json(reports[0]) : new JArray(reports.Select(Json));
        w.WriteLine(root.ToString(Formatting.Indented));
    }

    private static string Value(Claim c) => c.Value switch
    {
        decimal d => $"{c.Comparator}{Core.Scoring.Numbers.Percent(d)}",
        var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Stance(string s, Text t) => t.Lang == "en" ? s : s switch
    {
        "achieved" => "已做到",
        "shortcoming" => "不足",
        _ => "计划",
    };

    private static string Verdict(string? v, Text t) => v is null ? "" : t.Lang == "en" ? v : v switch
    {
        "consistent" => "一致",
        "overstated" => "夸大",
        "understated" => "少报",
        _ => "无法核实",
    };

    private static void WriteTable(TextWriter w, IReadOnlyList<ClaimReport> reports, Text t)
    {
        var zh = t.Lang != "en";
        if (reports.Count > 1)
        {
            w.WriteLine(zh ? "报告\t未填写模板\t说法\t夸大" : "report\tunfilled\tclaims\toverstated");
            foreach (var r in reports)
            {
                w.WriteLine($"{r.File}\t{(r.Unfilled ? (zh ? "是" : "yes") : (zh ? "否" : "no"))}\t{r.Claims.Count}\t{r.Claims.Count(c => c.Verdict == "overstated")}");
            }

            return;
        }

        var report = reports[0];
        w.WriteLine(report.File);
        if (report.Unfilled)
        {
            w.WriteLine(zh ? "注意：报告含未填写的模板空白，尚未填写完成。" : "Note: the report has unfilled template blanks; it was never filled in.");
        }

        foreach (var p in report.Placeholders)
        {
            w.WriteLine($"  {(zh ? "空白" : "placeholder")} {p.Kind} {(zh ? "第" : "line ")}{p.Line}{(zh ? "段" : "")}: {PlainText.Printable(p.Text)}");
        }

        foreach (var c in report.Claims)
        {
            var check = c.Verdict is null ? "" : $"  [{(zh ? "记录" : "records")} {(c.Records is { } r ? Core.Scoring.Numbers.Format(r) : "—")}: {Verdict(c.Verdict, t)}]";
            w.WriteLine($"  {c.Line,3} {c.Item} {c.Kind} = {Value(c)} ({Stance(c.Stance, t)}): {PlainText.Printable(c.Text)}{check}");
        }

        if (report.Unmentioned is { Count: > 0 } missing)
        {
            w.WriteLine((zh ? "报告未提及但记录有得分的项目：" : "Items the records score but the report never mentions: ") + string.Join(", ", missing));
        }
    }

    private static void WriteMarkdown(TextWriter w, IReadOnlyList<ClaimReport> reports, Text t)
    {
        var zh = t.Lang != "en";
        foreach (var r in reports)
        {
            w.WriteLine($"## {r.File}");
            w.WriteLine();
            if (r.Unfilled)
            {
                w.WriteLine(zh ? "**注意：报告含未填写的模板空白。**" : "**Note: the report has unfilled template blanks.**");
                w.WriteLine();
            }

            var reconciled = r.Unmentioned is not null;
            w.WriteLine(zh ? "| 段 | 项目 | 说法 | 值 | 态度 | 原文 |" + (reconciled ? " 记录 | 核对 |" : "") : "| line | item | kind | value | stance | text |" + (reconciled ? " records | verdict |" : ""));
            w.WriteLine("|---:|---|---|---|---|---|" + (reconciled ? "---:|---|" : ""));
            foreach (var c in r.Claims)
            {
                w.WriteLine($"| {c.Line} | {c.Item} | {c.Kind} | {Value(c)} | {Stance(c.Stance, t)} | {MarkdownText.Literal(c.Text).Replace("|", "\\|", StringComparison.Ordinal)} |"
                    + (reconciled ? $" {(c.Records is { } rec ? Core.Scoring.Numbers.Format(rec) : "")} | {Verdict(c.Verdict, t)} |" : ""));
            }

            w.WriteLine();
            foreach (var p in r.Placeholders)
            {
                w.WriteLine($"- {(zh ? "空白" : "placeholder")} ({p.Kind}), {(zh ? "第" : "line ")}{p.Line}{(zh ? "段" : "")}: `{p.Text}`");
            }

            if (r.Unmentioned is { Count: > 0 } missing)
            {
                w.WriteLine();
                w.WriteLine((zh ? "报告未提及：" : "Not mentioned: ") + string.Join(", ", missing));
            }

            w.WriteLine();
        }
    }
}
