using System.Text;
using Assessment.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
return Cli.Run(args, new Terminal(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected));
