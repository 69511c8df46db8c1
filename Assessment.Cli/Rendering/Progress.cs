using Spectre.Console;

namespace Assessment.Cli.Rendering;

/// <summary>A progress bar on stderr for long runs to a terminal; nothing at all when stderr is redirected or the run is short.</summary>
internal static class Progress
{
    /// <summary>Units above which a run shows progress.</summary>
    public const int Threshold = 300;

    public static void Run(Terminal terminal, int total, string lang, Action<Action> work)
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
                work(() => task.Increment(1));
            });
    }
}
