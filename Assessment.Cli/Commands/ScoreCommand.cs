using System.CommandLine;
using Assessment.Cli.Rendering;
using Assessment.Core.Model;

namespace Assessment.Cli.Commands;

/// <summary><c>assess score [path]</c>: score every unit of an export and render the scorecards.</summary>
internal static class ScoreCommand
{
    public static Command Build(Terminal terminal)
    {
        var path = Options.Path();
        var lang = Options.Lang();
        var asOf = Options.AsOf();
        var strict = Options.Strict();
        var encoding = Options.Encoding();
        var rubric = Options.Rubric();
        var format = new Option<string>("--format")
        {
            Description = "输出格式 / output format: table | json | csv | markdown | html",
            DefaultValueFactory = _ => "table",
        }.AcceptOnlyFromAmong("table", "json", "csv", "markdown", "html");
        var output = new Option<string?>("--output", "-o") { Description = "写入文件而非标准输出 / write to this file instead of stdout" };
        var units = new Option<string[]>("--unit") { Description = "只评分这些单位（可重复）/ score only these units (repeatable)", AllowMultipleArgumentsPerToken = false };
        var parallel = new Option<int>("--parallel") { Description = "并行评分的线程数，默认全部核心 / scoring threads (default: all cores)" };
        var compareTo = new Option<string?>("--compare-to") { Description = "与上次的 JSON 结果对比 / compare with a previous JSON result (year over year or a re-run)" };

        var command = new Command("score", "对导出数据中的每个单位评分 / score every unit of an export")
        {
            path, rubric, format, output, units, lang, asOf, strict, encoding, parallel, compareTo,
        };
        command.SetAction(r =>
        {
            var day = Options.ParseAsOf(r.GetValue(asOf));
            var assessor = ExportLoader.CreateAssessor(r.GetValue(rubric));
            var options = assessor.ReadOptions(day, r.GetValue(strict), Options.ParseEncoding(r.GetValue(encoding)));
            var export = Filter(ExportLoader.Read(r.GetValue(path), options), r.GetValue(units) ?? []);

            var cards = new List<Core.Scoring.Scorecard>();
            var invalid = export.InvalidUnits.Select(u => (u.UnitId, (IReadOnlyList<string>)u.Errors.Select(e => e.Format(r.GetValue(lang)!)).ToArray())).ToList();
            Progress.Run(terminal, export.Units.Count, r.GetValue(lang)!, tick =>
            {
                foreach (var s in assessor.ScoreAll(export, day, r.GetValue(parallel)))
                {
                    if (s.Scorecard is not null)
                    {
                        cards.Add(s.Scorecard);
                    }
                    else
                    {
                        invalid.Add((s.Unit.UnitId, [s.Failure!]));
                    }

                    tick();
                }
            });

            var previous = r.GetValue(compareTo);
            var report = new ScoreReport(export, cards, invalid, day, r.GetValue(lang)!, previous is null ? null : Comparison.Build(previous, cards));
            var file = r.GetValue(output);
            OutputFile.Write(file, terminal.Out, w => Render(r.GetValue(format)!, w, report, terminal.OutIsTerminal && file is null));
            if (r.GetValue(format) != "table")
            {
                Summarise(terminal, report);
            }

            var exit = export.ExitCode;
            return exit == 0 && invalid.Count > 0 ? 1 : exit;
        });
        return command;
    }

    private static void Render(string format, TextWriter w, ScoreReport report, bool terminal)
    {
        switch (format)
        {
            case "json":
                JsonRenderer.Write(w, report);
                break;
            case "csv":
                CsvRenderer.Write(w, report);
                break;
            case "markdown":
                MarkdownRenderer.Write(w, report);
                break;
            case "html":
                HtmlRenderer.Write(w, report);
                break;
            default:
                TableRenderer.Write(w, report, terminal);
                break;
        }
    }

    /// <summary>For formats other than the table, the diagnostics go to stderr too, so a user piping CSV into a file
    /// still sees that something was wrong.</summary>
    private static void Summarise(Terminal terminal, ScoreReport report)
    {
        var t = new Text(report.Lang);
        foreach (var d in report.Export.Diagnostics)
        {
            terminal.Error.WriteLine($"{DiagnosticsRenderer.Tag(d.Severity, t)} {d.Format(report.Lang)}");
        }

        foreach (var (unitId, errors) in report.InvalidUnits.Where(u => report.Export.InvalidUnits.All(x => x.UnitId != u.UnitId)))
        {
            terminal.Error.WriteLine($"{DiagnosticsRenderer.Tag(Core.Diagnostics.Severity.RowError, t)} {unitId}: {string.Join("; ", errors)}");
        }
    }

    private static Export Filter(Export export, string[] units)
    {
        if (units.Length == 0 || export.HasFileErrors)
        {
            return export;
        }

        var wanted = units.Select(u => u.Trim()).ToHashSet(StringComparer.Ordinal);
        var known = export.Units.Select(u => u.UnitId).Concat(export.InvalidUnits.Select(u => u.UnitId)).ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Where(u => !known.Contains(u)).ToArray();
        if (unknown.Length > 0)
        {
            throw new UsageException($"--unit: 导出数据中没有单位 / no such unit in the export: {string.Join(", ", unknown)}");
        }

        return export with
        {
            Units = export.Units.Where(u => wanted.Contains(u.UnitId)).ToArray(),
            InvalidUnits = export.InvalidUnits.Where(u => wanted.Contains(u.UnitId)).ToArray(),
            Diagnostics = export.Diagnostics.Where(d => d.UnitId is null || wanted.Contains(d.UnitId) || !known.Contains(d.UnitId)).ToArray(),
        };
    }
}
