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
return Cli.Run(args, new Terminal(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected, cancel.Token));
