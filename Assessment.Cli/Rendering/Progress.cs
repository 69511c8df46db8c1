using Spectre.Console;

namespace Assessment.Cli.Rendering;

/// <summary>A progress bar on stderr for long runs to a terminal; nothing at all when stderr is redirected or the run is short.</summary>
internal static class Progress
{
    /// <summary>Units above which a run shows progress.</summary>
    public const int Threshold = 300;

    /// <param name="terminal">Where the bar goes (stderr), if it is a terminal.</param>
    /// <param name="total">How many ticks to expect, as far as is known at the start.</param>
    /// <param name="lang">The language of the bar's label.</param>
    /// <param name="work">The work, given the action to call once per unit done.</param>
    /// <param name="settled">How many ticks to expect once that is known, or null until then: a CSV folder read unit by
    /// unit lists its units before it knows which of them are valid and will be scored.</param>
    public static void Run(Terminal terminal, int total, string lang, Action<Action> work, Func<int?>? settled = null)
    {
        if (!terminal.ErrorIsTerminal || total <= Threshold)
        {
            work(() => { });
            return;
        }

        // The caller has found stderr to be a terminal: say so, rather than let Spectre guess again from the writer.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(terminal.Error),
            Interactive = InteractionSupport.Yes,
        });
        console.Progress()
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

    /// <summary>Brings the goal of <paramref name="task"/> to the settled number, once that is known.</summary>
    private static void Settle(ProgressTask task, Func<int?>? settled)
    {
        if (settled?.Invoke() is { } goal && goal != task.MaxValue)
        {
            task.MaxValue = goal;
        }
    }
}
