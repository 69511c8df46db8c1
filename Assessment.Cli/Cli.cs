using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Assessment.Cli.Commands;

namespace Assessment.Cli;

/// <summary>The command line: builds the commands and runs one, mapping every failure to a message and an exit code.</summary>
internal static class Cli
{
    /// <summary>Exit code for usage and file errors.</summary>
    public const int UsageOrFileError = 2;

    /// <summary>Exit code for a run stopped by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Exit code for a run stopped by SIGTERM (128 + SIGTERM, as shells report it).</summary>
    public const int Terminated = 143;

    public static string Version { get; } =
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Run(string[] args, Terminal terminal)
    {
        var root = new RootCommand("assess — 理论学习中心组学习测评 / score study-group self-assessments against the rubric (测评细则)");
        root.Add(ScoreCommand.Build(terminal));
        root.Add(ValidateCommand.Build(terminal));
        root.Add(RubricCommand.Build(terminal));
        root.Add(TemplateCommand.Build(terminal));
        root.Add(ConvertCommand.Build(terminal));
        root.Add(ClaimsCommand.Build(terminal));

        try
        {
            var parse = InCulture(CultureInfo.InvariantCulture, () => root.Parse(args));
            string[] errors = EmptyArgument(args) is { } empty ? [empty]
                : parse.Errors.Count == 0 ? []
                : Bilingual(parse.Errors, InCulture(CultureInfo.GetCultureInfo("zh-Hans"), () => root.Parse(args)).Errors);
            if (errors.Length > 0)
            {
                foreach (var e in errors)
                {
                    terminal.Error.WriteLine($"assess: {e}");
                }

                terminal.Error.WriteLine("assess --help 查看用法 / shows the usage");
                return UsageOrFileError;
            }

            return parse.Invoke(new InvocationConfiguration
            {
                Output = terminal.Out,
                Error = terminal.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (OperationCanceledException) when (terminal.Cancellation.IsCancellationRequested)
        {
            return Cancel(terminal);
        }
        catch (AggregateException e) when (terminal.Cancellation.IsCancellationRequested && e.InnerExceptions.All(x => x is OperationCanceledException))
        {
            return Cancel(terminal);
        }
        catch (Exception e) when (Unwrapped(e) is UsageException usage)
        {
            TakeBack(terminal);
            terminal.Error.WriteLine($"assess: {Rendering.PlainText.Printable(usage.Message)}"); // it may quote the input
            return UsageOrFileError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TakeBack(terminal);
            terminal.Error.WriteLine($"assess: {Rendering.PlainText.Printable(e.Message)}");
            return UsageOrFileError;
        }
        catch (Exception e)
        {
            // Never a stack trace: say what failed in one line, and ask for a report.
            TakeBack(terminal);
            var shown = Unwrapped(e);
            terminal.Error.WriteLine($"assess: internal error ({shown.GetType().Name}): {Rendering.PlainText.Printable(shown.Message)}");
            terminal.Error.WriteLine("assess: please report this with the command you ran / 请将所运行的命令反馈给开发者");
            return 70;
        }
    }

    /// <summary>System.CommandLine's own messages ("Required argument missing…") in both languages, as every message of
    /// assess is: it ships Chinese resources, chosen by the UI culture at parse time. Our own messages are bilingual
    /// already and read the same in both cultures: those are given once. Each on one line.</summary>
    private static string[] Bilingual(IReadOnlyList<System.CommandLine.Parsing.ParseError> en, IReadOnlyList<System.CommandLine.Parsing.ParseError> zh) =>
        [.. en.Select((e, i) => i < zh.Count && zh[i].Message != e.Message ? $"{Tidy(OneLine(zh[i].Message))} / {OneLine(e.Message)}" : OneLine(e.Message))];

    /// <summary>System.CommandLine's Chinese texts keep the English punctuation around their insertions: a value is quoted
    /// twice (“'scor'”) and a sentence ends "。." or "”.". Each is said once, the Chinese way.</summary>
    private static string Tidy(string zh)
    {
        zh = zh.Replace("“'", "“").Replace("'”", "”").Replace("。.", "。");
        return zh.Length > 1 && zh[^1] == '.' && !char.IsAscii(zh[^2]) ? $"{zh[..^1]}。" : zh;
    }

    private static string OneLine(string message) =>
        string.Join(' ', Rendering.PlainText.Printable(message).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static T InCulture<T>(CultureInfo culture, Func<T> run)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return run();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>An empty argument (<c>-o ""</c>, a variable that was not set) names no file, unit or value: said at once,
    /// naming the option it was given to. .NET would refuse it as a path only later, as an internal error.</summary>
    private static string? EmptyArgument(string[] args)
    {
        var i = Array.IndexOf(args, "");
        return i < 0 ? null
            : i > 0 && args[i - 1].StartsWith('-') ? $"{args[i - 1]}: 值为空 / the value is empty"
            : $"第 {i + 1} 个参数为空 / argument {i + 1} is empty";
    }

    /// <summary>A failed run leaves no output where it can be taken back: stdout that is a file (<c>&gt; scores.json</c>,
    /// which <c>score</c> writes JSON and CSV to as the units are scored) is cut back to where the command began, as for
    /// Ctrl-C. An output file is only renamed into place on success, and a pipe's spool is only copied then.</summary>
    private static void TakeBack(Terminal terminal)
    {
        try
        {
            terminal.OutRewind?.Rewind();
        }
        catch (IOException)
        {
            // the failure being reported comes first
        }
    }

    /// <summary>A cancelled run leaves no output: an output file is only renamed into place on success, and stdout that is
    /// a file (<c>&gt; scores.json</c>, which <c>score</c> writes as the units are scored) is cut back to where the
    /// command began. Output already sent down a pipe or to a terminal cannot be taken back: then the message says that
    /// what was written is incomplete.</summary>
    private static int Cancel(Terminal terminal)
    {
        try
        {
            terminal.OutRewind?.Rewind();
            terminal.Error.WriteLine(terminal.OutRewind is null && terminal.OutWatch?.Written == true
                ? "assess: 已取消，已写到标准输出的内容不完整 / cancelled; what was already written to standard output is incomplete"
                : "assess: 已取消，未写入输出 / cancelled; no output was written");
        }
        catch (IOException e)
        {
            terminal.Error.WriteLine($"assess: 已取消 / cancelled; {e.Message}");
        }

        return Cancelled;
    }

    /// <summary>The failure itself when it comes wrapped alone in an <see cref="AggregateException"/>, as one thrown
    /// on a scoring thread (in the rendering done there) does; otherwise the exception as it is.</summary>
    internal static Exception Unwrapped(Exception e) =>
        e is AggregateException a && a.Flatten().InnerExceptions is [var only] ? only : e;
}

/// <summary>A mistake in how the command was called, or a rubric or input path that cannot be used (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
