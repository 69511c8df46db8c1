using Spectre.Console;

namespace Assessment.Cli.Rendering;

/// <summary>A progress bar on stderr for long runs to a terminal; nothing at all when stderr is redirected or the run is short.</summary>
internal static class Progress
{
    /// <summary>Units above which a run shows progress.</summary>
    public const int Threshold = 300;

    /// <param name="terminal">Where the bar goes (stderr), if it is a terminal.</param>
    /// <param name="total">How many ticks to expect, as far as is known at the start; -1 when it is not known (a JSON
    /// file read unit by unit): the bar then counts the units scored.</param>
    /// <param name="lang">The language of the bar's label.</param>
    /// <param name="work">The work, given the action to call once per unit done.</param>
    /// <param name="settled">How many ticks to expect once that is known, or null until then: a CSV folder read unit by
    /// unit lists its units before it knows which of them are valid and will be scored.</param>
    public static void Run(Terminal terminal, int total, string lang, Action<Action> work, Func<int?>? settled = null)
    {
        if (!terminal.ErrorIsTerminal || total is >= 0 and <= Threshold)
        {
            work(() => { });
            return;
        }

        if (total < 0)
        {
            Counting(terminal, lang, work);
            return;
        }

        ConsoleOn(terminal).Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(lang == "en" ? "scoring" : "评分中", maxValue: total);
                work(() =>
                {
                    Settle(task, settled);
                    task.Increment(1);
                });

                // The last units can be counted before the goal is known (the read completes as they are scored); it is
                // known once the work is done, and the bar's last frame shows it.
                Settle(task, settled);
            });
    }

    /// <summary>Bytes of a JSON export read unit by unit above which its units are counted on a terminal: the file does
    /// not say how many units it holds, and at 8 KB a unit (a small unit's year; the benchmark export's units take 25 KB,
    /// the sample's 26 KB) this many bytes hold more than <see cref="Threshold"/> units, a run long enough for a bar.</summary>
    public const long CountingThreshold = (long)Threshold * 8 << 10;

    /// <summary>The total to give <see cref="Run"/> for a JSON export of <paramref name="bytes"/> read unit by unit: -1
    /// (count the units) for a large one, 0 (no bar) for a small one.</summary>
    public static int UnknownTotal(long bytes) => bytes > CountingThreshold ? -1 : 0;

    /// <summary>Bytes of input above which a read shows on a terminal that it is reading (about 700 units of JSON, 4,500
    /// of a workbook, 3,000 of CSV: from half a second to several seconds).</summary>
    public const long ReadingThreshold = 16L << 20;

    /// <summary>Runs <paramref name="read"/>, a read of an export before anything is scored or written, showing on
    /// stderr that it is reading when stderr is a terminal and the input is larger than <see cref="ReadingThreshold"/>:
    /// a 20,000-unit JSON export read whole takes 12 s, and the scoring bar comes only after it.</summary>
    public static T Reading<T>(Terminal terminal, string lang, long bytes, Func<T> read)
    {
        if (!terminal.ErrorIsTerminal || bytes <= ReadingThreshold)
        {
            return read();
        }

        T result = default!;
        ConsoleOn(terminal).Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(lang == "en" ? "reading" : "读取中");
                task.IsIndeterminate = true;
                result = read();
                task.StopTask();
            });
        return result;
    }

    /// <summary>A bar for a number of units not known beforehand: it says how many are scored so far.</summary>
    private static void Counting(Terminal terminal, string lang, Action<Action> work)
    {
        var label = lang == "en" ? "scoring" : "评分中";
        ConsoleOn(terminal).Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label);
                task.IsIndeterminate = true;
                var done = 0;
                work(() => task.Description = $"{label} {++done:N0}");
                task.StopTask();
            });
    }

    // The caller has found stderr to be a terminal: say so, rather than let Spectre guess again from the writer.
    private static IAnsiConsole ConsoleOn(Terminal terminal) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(terminal.Error),
        Interactive = InteractionSupport.Yes,
    });

    /// <summary>Brings the goal of <paramref name="task"/> to the settled number, once that is known.</summary>
    private static void Settle(ProgressTask task, Func<int?>? settled)
    {
        if (settled?.Invoke() is { } goal && goal != task.MaxValue)
        {
            task.MaxValue = goal;
        }
    }
}
