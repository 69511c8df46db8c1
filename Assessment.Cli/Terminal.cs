namespace Assessment.Cli;

/// <summary>Where a command writes: stdout carries only the result, stderr diagnostics and progress.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="OutIsTerminal">Whether stdout is a terminal (colours and boxes) rather than a pipe or file.</param>
/// <param name="ErrorIsTerminal">Whether stderr is a terminal (a progress bar may be drawn there).</param>
/// <param name="OutRewind">Set when stdout is a file that can be taken back to where the command began (a shell's
/// <c>&gt; scores.json</c>), so that output written as the units are read can be written again if need be.</param>
/// <param name="OutWatch">Says whether anything has been written to stdout, so that a cancelled run does not claim that
/// nothing was when part of the output already went down a pipe or onto a terminal. Null: not known (tests).</param>
/// <param name="ReadWhole">Tests only: <c>score</c> and <c>convert</c> read a CSV folder or a JSON file whole, as they do
/// an export not in unit order, instead of unit by unit: the reference that every streamed output must match byte for
/// byte.</param>
/// <param name="Cancellation">Cancelled by Ctrl-C (SIGINT): commands stop reading and scoring promptly.</param>
internal sealed record Terminal(TextWriter Out, TextWriter Error, bool OutIsTerminal, bool ErrorIsTerminal, RewindableOutput? OutRewind = null,
    IWatchedOutput? OutWatch = null, bool ReadWhole = false, CancellationToken Cancellation = default);
