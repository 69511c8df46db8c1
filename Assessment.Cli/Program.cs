using System.Runtime.InteropServices;
using System.Text;
using Assessment.Cli;

Console.OutputEncoding = new UTF8Encoding(false);

// Ctrl-C cancels the run instead of killing the process, so a half-written output file can be removed first.
using var cancel = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});
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
    return Cli.Run(args, new Terminal(stdout, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected, rewind, watched, Cancellation: cancel.Token));
}
finally
{
    stdout.Flush();
}
