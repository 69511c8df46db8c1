namespace Assessment.Cli;

/// <summary>Where a command writes: stdout carries only the result, stderr diagnostics and progress.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="OutIsTerminal">Whether stdout is a terminal (colours and boxes) rather than a pipe or file.</param>
/// <param name="ErrorIsTerminal">Whether stderr is a terminal (a progress bar may be drawn there).</param>
/// <param name="Cancellation">Cancelled by Ctrl-C (SIGINT): commands stop reading and scoring promptly.</param>
internal sealed record Terminal(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal, CancellationToken Cancellation = default);
