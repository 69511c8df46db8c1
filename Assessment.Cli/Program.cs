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
var stdout = Console.IsOutputRedirected
    ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = true }
    : Console.Out;
try
{
    var rewind = Console.IsOutputRedirected ? StdoutFile.TryOpen(stdout) : null;
    return Cli.Run(args, new Terminal(stdout, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected, rewind, cancel.Token));
}
finally
{
    stdout.Flush();
}
