using System.CommandLine;
using System.Globalization;
using Assessment.Cli.Rendering;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Core.Writing;
using Assessment.Rules.Engine;

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
        var parallel = new Option<int>("--parallel")
        {
            Description = "并行评分的线程数（1–512，0 为全部核心，默认）/ scoring threads (1–512; 0, the default: all cores)",
            CustomParser = r =>
            {
                // Parsed here rather than validated after: a validator asking for a value that is not a number throws.
                if (r.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    && n is >= 0 and <= Assessor.MaxParallelism)
                {
                    return n;
                }

                r.AddError($"--parallel: 1–{Assessor.MaxParallelism}，或 0 表示全部核心 / 1 to {Assessor.MaxParallelism}, or 0 for all cores");
                return 0;
            },
        };
        var compareTo = new Option<string?>("--compare-to") { Description = "与上次的 JSON 结果对比 / compare with a previous JSON result (year over year or a re-run)" };

        var command = new Command("score", "对导出数据中的每个单位评分 / score every unit of an export")
        {
            path, rubric, format, output, units, lang, asOf, strict, encoding, parallel, compareTo,
        };
        command.SetAction(r =>
        {
            var file = r.GetValue(output) is "-" ? null : r.GetValue(output); // -o - is stdout, as for most tools
            OutputFile.CheckFolder(file, "-o");
            var day = Options.ParseAsOf(r.GetValue(asOf));
            var assessor = ExportLoader.CreateAssessor(r.GetValue(rubric));
            _ = Task.Run(assessor.Prepare); // the rules compile beside the read; Score waits for them if need be
            var options = assessor.ReadOptions(day, r.GetValue(strict), Options.ParseEncoding(r.GetValue(encoding))) with { Cancellation = terminal.Cancellation };
            var wanted = r.GetValue(units) ?? [];

            // With --unit, the previous run is compared only for the units named: its others were not asked for, not
            // removed.
            var previous = r.GetValue(compareTo) is { } p ? PreviousRun.Read(p) : null;
            var run = new Run(terminal, assessor, day, r.GetValue(lang)!, r.GetValue(format)!, file,
                wanted.Length > 0 ? previous?.Only(Asked(wanted)) : previous, r.GetValue(parallel));

            // A CSV folder or a JSON file is read unit by unit while the units are scored, so memory holds the units in
            // hand, not the export (a JSON file that gives its directives and waivers after its units is read for them
            // first). An export whose tables are not in unit order is found out on the way, and read again whole; so is
            // one with a file error found late (too many rows, a JSON syntax error). What was written by then must be
            // taken back: an output file is only renamed into place at the end, and stdout that is a file is cut back;
            // JSON and CSV for a pipe or a terminal are written to a spool file and copied to stdout at the end. When no
            // spool file can be made, JSON and CSV to stdout read the export whole.
            //
            // With --unit, only the units asked for are scored, as they come. Whether each is in the export is known only
            // once the read is complete, after the others were scored and perhaps written: the error then takes back
            // what was written, as any failure does (an output file is not renamed into place, stdout that is a file is
            // cut back, a pipe's spool is not copied).
            using var input = ExportInput.Open(r.GetValue(path), options);
            var source = ExportLoader.Streamable(input);
            var toStdout = run.File is null && run.Format is ("json" or "csv");
            ExportNotStreamableException? failed = null;
            if (source is not null && !terminal.ReadWhole)
            {
                if (!toStdout || terminal.OutRewind is not null)
                {
                    try
                    {
                        using var feed = new UnitFeed(source, options);
                        return Score(run, feed, wanted);
                    }
                    catch (Exception e) when (Cli.Unwrapped(e) is ExportNotStreamableException notStreamable)
                    {
                        // Read again below; what went to stdout goes first.
                        failed = notStreamable;
                        if (toStdout)
                        {
                            terminal.OutRewind!.Rewind();
                        }
                    }
                    catch (UnitSpoolFailedException)
                    {
                        // Read again below, keeping every scorecard whole; nothing was written to stdout.
                        run = run with { KeepCards = true };
                    }
                }
                else if (Spooled(terminal, run, source, options, wanted, out failed) is { } exit)
                {
                    return exit;
                }
            }

            var export = Filter(Progress.Reading(terminal, run.Language, ExportLoader.InputBytes(input.Path), () => ExportLoader.Read(input, options, failed)), wanted);
            try
            {
                return run.Score(export.Units, Task.FromResult(export), export.Units.Count);
            }
            catch (UnitSpoolFailedException)
            {
                return (run with { KeepCards = true }).Score(export.Units, Task.FromResult(export), export.Units.Count);
            }
        });
        return command;
    }

    /// <summary>JSON or CSV for a pipe or a terminal, read unit by unit: written to a spool file in the temporary folder
    /// and copied to stdout once every unit is scored. Null when that cannot be done and nothing has been written to stdout: the
    /// export is not in unit order, or the spool file cannot be made or written (a full disk); the caller then reads
    /// the export whole.</summary>
    private static int? Spooled(Terminal terminal, Run run, string source, ReadOptions options, string[] wanted, out ExportNotStreamableException? failed)
    {
        failed = null;
        Spool spool;
        try
        {
            spool = new Spool(null, terminal.Out.NewLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        using (spool)
        {
            int exit;
            try
            {
                using var feed = new UnitFeed(source, options);
                exit = Score(run with { Pipe = spool }, feed, wanted);
            }
            catch (Exception e) when (Cli.Unwrapped(e) is ExportNotStreamableException || (Cli.Unwrapped(e) is IOException && spool.Failed))
            {
                failed = Cli.Unwrapped(e) as ExportNotStreamableException;
                return null;
            }

            return exit;
        }
    }

    /// <summary>Scores the units of an export read unit by unit: all of them, or with --unit those asked for.</summary>
    private static int Score(Run run, UnitFeed feed, string[] wanted)
    {
        if (wanted.Length == 0)
        {
            // A JSON file does not say how many units it holds: a large one's bar counts them instead.
            var listed = feed.Listed;
            return run.Score(feed.Units, feed.Read, listed >= 0 ? listed : Progress.UnknownTotal(ExportLoader.InputBytes(feed.Source)));
        }

        var asked = Asked(wanted);
        return run.Score(feed.Units.Where(u => asked.Contains(u.UnitId)), feed.Read.ContinueWith(t => Filter(t.GetAwaiter().GetResult(), wanted),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default), asked.Count);
    }

    /// <summary>What one <c>score</c> does with the units, however they are read: score them on all cores, render them,
    /// and say what was wrong.</summary>
    private sealed record Run(Terminal Terminal, Assessor Assessor, DateOnly Day, string Language, string Format, string? File,
        PreviousRun? Previous, int Parallel)
    {
        /// <summary>Set for JSON or CSV for a pipe read unit by unit: the output is written here, and copied to stdout
        /// once it is complete, before the errors are summarised on stderr (so that <c>2&gt;&amp;1</c> keeps its order).</summary>
        public Spool? Pipe { get; init; }

        /// <summary>Set when a Markdown or HTML report for stdout is not to spool its units' sections: it keeps every
        /// scorecard whole and renders the sections from them.</summary>
        public bool KeepCards { get; init; }

        /// <summary>Scores <paramref name="units"/> (all the valid units of <paramref name="read"/>, which is complete once
        /// they are) and writes the result; <paramref name="total"/> is for the progress bar. Returns the exit code.</summary>
        public int Score(IEnumerable<UnitRecord> units, Task<Export> read, int total)
        {
            var failed = new List<(string UnitId, IReadOnlyList<string> Errors)>();

            // The units that were not scored: those with row errors, then those whose scoring failed. Only asked for
            // once every unit is scored, when the read is complete.
            List<(string UnitId, IReadOnlyList<string> Errors)> Invalid() =>
            [
                .. read.GetAwaiter().GetResult().InvalidUnits.Select(u => (u.UnitId, (IReadOnlyList<string>)new FormattedErrors(u.Errors, Language))),
                .. failed,
            ];

            // Units are scored lazily, in input order, on all cores, and `then` runs on the thread that scored each one
            // (JSON is rendered there: it is as much work as a third of the scoring); a failed unit is set aside, never
            // thrown.
            IEnumerable<T> Scored<T>(Action tick, Func<Core.Scoring.Scorecard, T> then)
            {
                var results = Assessor.ScoreUnitsThen(units, Day, s => (s, Value: s.Scorecard is null ? default! : then(s.Scorecard)),
                    Parallel, Terminal.Cancellation);
                foreach (var (s, value) in results)
                {
                    tick();
                    if (s.Scorecard is not null)
                    {
                        yield return value;
                    }
                    else
                    {
                        failed.Add((s.Unit.UnitId, [s.Failure!]));
                    }
                }
            }

            IEnumerable<Core.Scoring.Scorecard> Cards(Action tick) => Scored(tick, c => c);

            // The progress bar's goal: the units listed, until the read is complete and says how many were valid.
            int? Settled() => read.IsCompletedSuccessfully ? read.Result.ValidUnitCount : null;

            List<(string UnitId, IReadOnlyList<string> Errors)> invalid;
            if (Format is "json" or "csv")
            {
                // Streamed: each unit is written as soon as it is scored, so memory does not grow with the units.
                List<(string UnitId, IReadOnlyList<string> Errors)>? listed = null;
                Progress.Run(Terminal, total, Language, tick => OutputFile.Write(File, Pipe?.Writer ?? Terminal.Out, w =>
                {
                    if (Format == "json")
                    {
                        var compared = Previous is null ? null : JsonRenderer.Compared.Of(Previous);
                        JsonRenderer.Write(w, read, Scored(tick, c => JsonRenderer.Render(c, Language, compared, w.NewLine)), () => listed = Invalid(), Day, Language, compared);
                    }
                    else
                    {
                        CsvRenderer.Write(w, Cards(tick), Language, Previous is null ? null : Previous.Delta);
                        _ = read.GetAwaiter().GetResult(); // the CSV has no errors in it, but the read must be complete
                    }
                }), Settled);
                if (Pipe is not null)
                {
                    Pipe.CopyTo(Terminal.Out, Terminal.Cancellation);
                    Terminal.Out.Flush();
                }

                invalid = listed ?? Invalid();
                Summarise(Terminal, read.Result, invalid, Language, outputListsErrors: Format == "json");
            }
            else
            {
                // Rankings, charts and "most often lost" need every unit before anything is written, but only what the
                // ranking shows and counts of each (Insights.ForRanking). The table shows one unit's breakdown, or for
                // many a ranking alone, so from the second unit on it keeps only that. Markdown and HTML show every
                // unit's breakdown after the ranking: each is written to a spool file as the unit is scored, and
                // copied in after the ranking.
                var cards = new List<Core.Scoring.Scorecard>();
                using var spool = Format is "markdown" or "html" ? UnitSpool() : null;
                var text = new Text(Language);
                try
                {
                    Collect(spool, cards, text, total);
                }
                catch (Exception e) when (File is null && spool is { Failed: true } && Cli.Unwrapped(e) is IOException)
                {
                    // The temporary folder is full (or the file-size limit reached): nothing has been written to
                    // stdout yet, so the caller scores the units again without the spool, as when none can be made.
                    throw new UnitSpoolFailedException(e);
                }
                catch (FileTooLargeException e) when (File is not null)
                {
                    // The spool sits beside the output file, and is part of writing it: name the file asked for.
                    throw e.Naming(Path.GetFullPath(File));
                }

                invalid = Invalid();
                var report = new ScoreReport(read.Result, cards, invalid, Day, Language, Previous is null ? null : Comparison.Build(Previous, cards));
                OutputFile.Write(File, Terminal.Out, w => ScoreCommand.Render(Format, w, report, Terminal.OutIsTerminal && File is null, spool));
                if (Format != "table")
                {
                    Summarise(Terminal, read.Result, invalid, Language, outputListsErrors: true); // Markdown or HTML
                }
            }

            var exit = read.Result.ExitCode;
            return exit == 0 && invalid.Count > 0 ? 1 : exit;

            // A report's units, scored: each unit's section written to the spool, if there is one, and what the report
            // keeps of it added to the cards.
            void Collect(Spool? spool, List<Core.Scoring.Scorecard> cards, Text text, int total)
            {
                Progress.Run(Terminal, total, Language, tick =>
                {
                    foreach (var card in Cards(tick))
                    {
                        if (spool is not null)
                        {
                            var delta = Previous?.Delta(card);
                            if (Format == "html")
                            {
                                HtmlRenderer.WriteUnit(spool.Writer, card, text, delta);
                            }
                            else
                            {
                                MarkdownRenderer.WriteUnit(spool.Writer, card, text, delta);
                            }

                            cards.Add(Insights.ForRanking(card));
                        }
                        else if (Format == "table" && cards.Count > 0)
                        {
                            cards[0] = cards.Count == 1 ? Insights.ForRanking(cards[0]) : cards[0];
                            cards.Add(Insights.ForRanking(card));
                        }
                        else
                        {
                            cards.Add(card);
                        }
                    }
                }, Settled);
                spool?.Complete();
            }
        }

        /// <summary>Where a report's units' sections go as they are scored: beside the output file, or for stdout in
        /// the temporary folder. For stdout, when no spool file can be made there (or one failed part-way and the units
        /// are scored again: <see cref="KeepCards"/>), null: the report keeps every scorecard whole and renders the
        /// sections from them, as it did before it spooled.</summary>
        private Spool? UnitSpool()
        {
            try
            {
                return KeepCards ? null : new Spool(File, File is null ? Terminal.Out.NewLine : Environment.NewLine);
            }
            catch (Exception e) when (File is null && e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    private static void Render(string format, TextWriter w, ScoreReport report, bool terminal, Spool? units)
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
                MarkdownRenderer.Write(w, report, units);
                break;
            case "html":
                HtmlRenderer.Write(w, report, units);
                break;
            default:
                TableRenderer.Write(w, report, terminal);
                break;
        }
    }

    /// <summary>The row errors <see cref="Summarise"/> prints when the output lists every one of them too (JSON,
    /// Markdown, HTML), as many as <c>convert</c> prints of its warnings: all of an export with a few bad rows, while
    /// one with a column wrong in every row (1.7 million errors at 20,000 units, 150 MB of text) does not scroll by for
    /// minutes.</summary>
    internal const int RowErrorsOnStderr = 20;

    /// <summary>For formats other than the table, the errors go to stderr too, so a user piping CSV into a file still
    /// sees that something was wrong: the file errors and row errors, each on a line (with
    /// <paramref name="outputListsErrors"/>, the first <see cref="RowErrorsOnStderr"/> row errors and how many more
    /// the output lists), how many warnings the output lists, and the units whose scoring failed.</summary>
    private static void Summarise(Terminal terminal, Export export, List<(string UnitId, IReadOnlyList<string> Errors)> invalid, string lang,
        bool outputListsErrors)
    {
        var t = new Text(lang);
        var warnings = 0;
        var rowErrors = 0;
        foreach (var d in export.Diagnostics)
        {
            if (d.Severity == Core.Diagnostics.Severity.Warning)
            {
                warnings++;
            }
            else if (outputListsErrors && d.Severity == Core.Diagnostics.Severity.RowError && ++rowErrors > RowErrorsOnStderr)
            {
                continue;
            }
            else
            {
                terminal.Error.WriteLine(DiagnosticsRenderer.Line(d, t));
            }
        }

        if (rowErrors > RowErrorsOnStderr)
        {
            var more = rowErrors - RowErrorsOnStderr;
            terminal.Error.WriteLine(lang == "en" ? $"{more} more error(s); see the output" : $"另有错误 {more} 条，见输出内容");
        }

        if (warnings > 0)
        {
            terminal.Error.WriteLine(lang == "en" ? $"{warnings} warning(s); see the output" : $"警告 {warnings} 条，见输出内容");
        }

        var listed = export.InvalidUnits.Select(u => u.UnitId).ToHashSet();
        foreach (var (unitId, errors) in invalid.Where(u => !listed.Contains(u.UnitId)))
        {
            terminal.Error.WriteLine($"{DiagnosticsRenderer.Tag(Core.Diagnostics.Severity.RowError, t)} {PlainText.Printable($"{unitId}: {string.Join("; ", errors)}")}");
        }
    }

    private static Export Filter(Export export, string[] units)
    {
        if (units.Length == 0 || export.HasFileErrors)
        {
            return export;
        }

        var wanted = Asked(units);
        var known = export.ValidUnitIds.Concat(export.InvalidUnits.Select(u => u.UnitId)).ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Where(u => !known.Contains(u)).ToArray();
        if (unknown.Length > 0)
        {
            throw Options.NoSuchUnits(unknown);
        }

        return export with
        {
            Units = export.Units.Where(u => wanted.Contains(u.UnitId)).ToArray(),
            StreamedUnitIds = export.StreamedUnitIds?.Where(wanted.Contains).ToArray(),
            InvalidUnits = export.InvalidUnits.Where(u => wanted.Contains(u.UnitId)).ToArray(),
            Diagnostics = export.Diagnostics.Where(d => d.UnitId is null || wanted.Contains(d.UnitId) || !known.Contains(d.UnitId)).ToArray(),
        };
    }

    /// <summary>The unit ids given with --unit, trimmed as ids are.</summary>
    private static HashSet<string> Asked(string[] units) => units.Select(u => u.Trim()).ToHashSet(StringComparer.Ordinal);

    /// <summary>A Markdown or HTML report for stdout could not write its units' sections to the spool file part-way (a
    /// full temporary folder): the units are to be scored again, keeping every scorecard whole.</summary>
    private sealed class UnitSpoolFailedException(Exception inner) : Exception(inner.Message, inner);
}
