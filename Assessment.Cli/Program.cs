using System.Runtime.InteropServices;
using System.Text;
using Assessment.Cli;

Console.OutputEncoding = new UTF8Encoding(false);

// Ctrl-C, and SIGTERM (`kill`, `timeout`, a scheduler stopping the job), cancel the run instead of killing the process,
// so a half-written output file and the temporary files (a pipe's copy, spools) can be removed first; a run stops
// within a fraction of a second. Another signal within two seconds is taken the same way (an impatient second Ctrl-C
// would otherwise leave those files); one later kills the process, for a wait that cannot be cancelled (a rubric or
// report named as a pipe that nobody writes to).
using var cancel = new CancellationTokenSource();
var (terminated, firstSignal) = (false, 0L);
void OnSignal(PosixSignalContext context)
{
    var now = Environment.TickCount64;
    if (Interlocked.CompareExchange(ref firstSignal, now, 0) is var first and not 0 && now - first >= 2000)
    {
        context.Cancel = false;
        return;
    }

    terminated |= context.Signal == PosixSignal.SIGTERM;
    context.Cancel = true;
    cancel.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
// Output redirected to a file or a pipe gets a UTF-8 writer of its own instead of the console's synchronized one, so
// that the JSON writer can put its bytes straight on the stream (docs/performance.md). It flushes after every write,
// as the console's writer does.
// Either way it is watched, so that a cancelled run can say whether output was already written.
IWatchedOutput watched;
TextWriter stdout;
if (Console.IsOutputRedirected)
{
    var stream = new WatchedStream(Console.OpenStandardOutput());
    (watched, stdout) = (stream, new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { AutoFlush = true });
}
else
{
    var writer = new WatchedWriter(Console.Out);
    (watched, stdout) = (writer, writer);
}

try
{
    var rewind = Console.IsOutputRedirected ? StdoutFile.TryOpen(stdout) : null;
    var exit = Cli.Run(args, new Terminal(stdout, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected, rewind, watched, Cancellation: cancel.Token));

    // Cancelled, with a SIGTERM among the signals: 128 + 15, as the shell reports a process the signal ended.
    return exit == Cli.Cancelled && terminated ? Cli.Terminated : exit;
}
finally
{
    stdout.Flush();
}
