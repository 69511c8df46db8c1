using System.CommandLine;
using Assessment.Cli.Rendering;
using Assessment.Core.Import;
using Assessment.Core.Writing;

namespace Assessment.Cli.Commands;

/// <summary><c>assess convert &lt;in&gt; &lt;out&gt;</c>: between a CSV folder, a JSON file and an XLSX workbook, every
/// column kept. The input is checked as it is read (between a CSV folder and a JSON file, and written, a unit at a
/// time, aside from the target); an export with errors is not converted and nothing of it is left written (fix it, or
/// convert what validates), so what is written always reads back to the same rows.</summary>
internal static class ConvertCommand
{
    /// <summary>How many of the export's warnings <c>convert</c> prints before it says how many more there are.</summary>
    internal const int WarningsShown = 20;

    public static Command Build(Terminal terminal)
    {
        var input = new Argument<string>("in") { Description = "CSV 文件夹、.json 或 .xlsx / a CSV folder, .json or .xlsx" };
        var output = new Argument<string>("out") { Description = "目标：以 .json 或 .xlsx 结尾的文件，否则为 CSV 文件夹 / a .json or .xlsx file, else a CSV folder" };
        var lang = Options.Lang();
        var encoding = Options.Encoding();
        var force = new Option<bool>("--force") { Description = "覆盖已有的目标 / overwrite the target if it exists" };
        var command = new Command("convert", "在 CSV 文件夹、JSON 与 XLSX 之间转换 / convert between a CSV folder, JSON and XLSX") { input, output, lang, encoding, force };
        command.SetAction(r =>
        {
            var t = new Text(r.GetValue(lang)!);

            // The target is checked before the export is read: reading 20,000 units takes seconds.
            var target = r.GetValue(output)!;
            var ext = Path.GetExtension(target).ToLowerInvariant();
            var toFolder = ext is not ".json" and not ".xlsx";
            if (toFolder && File.Exists(target))
            {
                throw new UsageException($"{target}: 是文件，不是文件夹 / is a file, not a folder");
            }

            if (!toFolder)
            {
                OutputFile.CheckFolder(target, null);
            }

            if ((File.Exists(target) || (toFolder && Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())) && !r.GetValue(force))
            {
                throw new UsageException($"{target}: 已存在 / exists (--force 覆盖 / overwrites)");
            }

            var assessor = ExportLoader.CreateAssessor(null);
            var readOptions = assessor.ReadOptions(DateOnly.FromDateTime(DateTime.Today), encoding: Options.ParseEncoding(r.GetValue(encoding))) with { Cancellation = terminal.Cancellation };
            using var from = ExportInput.Open(r.GetValue(input), readOptions);
            var bytes = ExportLoader.InputBytes(from.Path);

            // A CSV folder or a JSON file converted to either is read and written unit by unit, so memory does not hold
            // the export; what was written is dropped if the export turns out to have errors or cannot be read so.
            ExportNotStreamableException? failed = null;
            if (ext != ".xlsx" && ExportLoader.Streamable(from) is { } source && !terminal.ReadWhole
                && Progress.Reading(terminal, t.Lang, bytes, () => Streamed(source, target, toFolder, readOptions, out failed)) is { } streamed)
            {
                return Done(streamed, terminal, t, target, r.GetValue(input)!);
            }

            var export = Progress.Reading(terminal, t.Lang, bytes, () => ExportLoader.Read(from, readOptions, failed));
            if (export.ExitCode != 0)
            {
                return Done(export, terminal, t, target, r.GetValue(input)!);
            }

            switch (ext)
            {
                case ".json":
                    OutputFile.WriteFile(target, path => ExportWriters.WriteJson(export, path));
                    break;
                case ".xlsx":
                    try
                    {
                        OutputFile.WriteFile(target, path => ExportWriters.WriteXlsx(export, path));
                    }
                    catch (ArgumentException e)
                    {
                        // A table over a sheet's rows (a province's attendance) or a control character in a value:
                        // refused before anything is written.
                        throw new UsageException($"{target}: 无法写成 XLSX，可转换为 CSV 或 JSON / cannot be an XLSX workbook: {e.Message}; CSV or JSON can hold it");
                    }

                    break;
                default:
                    OutputFile.WriteFolder(target, folder => ExportWriters.WriteCsv(export, folder));
                    break;
            }

            return Done(export, terminal, t, target, r.GetValue(input)!);
        });
        return command;
    }

    /// <summary>The export read unit by unit and written as it is read: the export read, whether it was written (no
    /// errors) or not; null when it cannot be read so (nothing is left written, and the caller reads it whole).</summary>
    internal static Core.Model.Export? Streamed(string source, string target, bool toFolder, Core.Import.ReadOptions options,
        out ExportNotStreamableException? failed)
    {
        failed = null;
        Core.Model.Export? export = null;
        try
        {
            void Write(string to)
            {
                using var writer = toFolder ? (IUnitWriter)new CsvUnitWriter(to) : new JsonUnitWriter(to);
                export = ExportLoader.Stream(source, options, writer.Add);
                if (export.ExitCode != 0)
                {
                    throw new NotConvertedException(); // what was written is dropped
                }

                writer.Complete();
            }

            if (toFolder)
            {
                OutputFile.WriteFolder(target, Write);
            }
            else
            {
                OutputFile.WriteFile(target, Write);
            }

            return export;
        }
        catch (NotConvertedException)
        {
            return export;
        }
        catch (ExportNotStreamableException e)
        {
            failed = e;
            return null;
        }
    }

    /// <summary>Says what was done: the export's errors and that nothing was converted, or how many units were converted
    /// and the first warnings; the exit code.</summary>
    private static int Done(Core.Model.Export export, Terminal terminal, Text t, string target, string from)
    {
        if (export.ExitCode != 0)
        {
            ValidateCommand.Write(terminal.Out, export, t);
            terminal.Error.WriteLine(t.Lang == "en" ? "assess: the export has errors; nothing was converted" : "assess: 导出数据有错误，未转换");
            return export.ExitCode;
        }

        var n = export.ValidUnitCount;
        terminal.Out.WriteLine(t.Lang == "en" ? $"converted {n} unit(s) to {target}" : $"已转换 {n} 个单位到 {target}");

        // The export converted has no errors, only warnings: the first few, then where to find them all (a province's
        // export has hundreds of thousands).
        foreach (var d in export.Diagnostics.Take(WarningsShown))
        {
            terminal.Error.WriteLine(DiagnosticsRenderer.Line(d, t));
        }

        if (export.Diagnostics.Count > WarningsShown)
        {
            var more = export.Diagnostics.Count - WarningsShown;
            terminal.Error.WriteLine(t.Lang == "en"
                ? $"… and {more} more warning(s); assess validate {from} lists them all"
                : $"……另有 {more} 条警告；assess validate {from} 列出全部");
        }

        return 0;
    }

    /// <summary>The export read unit by unit has errors: what was written of it is to be dropped.</summary>
    private sealed class NotConvertedException : Exception
    {
    }
}
