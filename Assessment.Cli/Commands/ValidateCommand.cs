using System.CommandLine;
using Assessment.Cli.Rendering;
using Assessment.Core.Import;

namespace Assessment.Cli.Commands;

/// <summary><c>assess validate [path]</c>: read and check an export without scoring; print every error and warning.</summary>
internal static class ValidateCommand
{
    public static Command Build(Terminal terminal)
    {
        var path = Options.Path();
        var lang = Options.Lang();
        var asOf = Options.AsOf();
        var strict = Options.Strict();
        var encoding = Options.Encoding();
        var rubric = Options.Rubric();
        var command = new Command("validate", "读取并校验导出数据，不评分 / read and check an export without scoring") { path, lang, asOf, strict, encoding, rubric };
        command.SetAction(r =>
        {
            var t = new Text(r.GetValue(lang)!);
            var assessor = ExportLoader.CreateAssessor(r.GetValue(rubric));
            var options = assessor.ReadOptions(Options.ParseAsOf(r.GetValue(asOf)), r.GetValue(strict), Options.ParseEncoding(r.GetValue(encoding))) with { Cancellation = terminal.Cancellation };
            using var input = ExportInput.Open(r.GetValue(path), options);
            var export = Progress.Reading(terminal, t.Lang, ExportLoader.InputBytes(input.Path), () => ExportLoader.Check(input, options));
            Write(terminal.Out, export, t);
            return export.ExitCode;
        });
        return command;
    }

    internal static void Write(TextWriter w, Core.Model.Export export, Text t)
    {
        w.WriteLine(export.Source);
        w.WriteLine(t.UnitsRead(export.UnitCount, export.ValidUnitCount, export.InvalidUnits.Count));
        w.WriteLine($"{t.RowsRead}: " + string.Join(", ", Tables.All.Select(s => $"{s.Name} {export.RowCounts[s.Name]}")));
        var errors = export.Diagnostics.Count(d => d.Severity != Core.Diagnostics.Severity.Warning);
        var warnings = export.Diagnostics.Count - errors;
        w.WriteLine(t.Counts(errors, warnings));
        if (export.InvalidUnits.Count > 0)
        {
            w.WriteLine($"{t.InvalidUnits}: {string.Join(", ", export.InvalidUnits.Select(u => u.UnitId))}");
        }

        w.WriteLine(export.HasFileErrors ? t.ValidateFileErrors : errors == 0 ? t.ValidateOk : "");
        DiagnosticsRenderer.WriteGrouped(w, export, t);
    }
}
