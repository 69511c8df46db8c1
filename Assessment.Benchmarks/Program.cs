using System.Diagnostics;
using System.Globalization;
using Assessment.Benchmarks;
using Assessment.Tests.TestAssets;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project Assessment.Benchmarks -- generate <folder> <units> [members] [sessions]
// dotnet run -c Release --project Assessment.Benchmarks -- [BenchmarkDotNet arguments, e.g. --filter *Read*]
if (args.Length >= 3 && args[0] == "generate")
{
    var units = int.Parse(args[2], CultureInfo.InvariantCulture);
    int? members = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : null;
    int? sessions = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : null;
    var watch = Stopwatch.StartNew();
    Exports.Generate(args[1], units, members, sessions);
    var rows = Directory.GetFiles(args[1], "*.csv").Sum(f => File.ReadLines(f).Count() - 1);
    Console.WriteLine($"{units} units, {rows} rows in {args[1]} ({watch.Elapsed.TotalSeconds:F1} s)");
    return 0;
}

if (args.Length >= 2 && args[0] == "poolcheck")
{
    PoolCheck.Run(args[1]);
    return 0;
}

if (args.Length >= 2 && args[0] == "mapcost")
{
    MapCost.Run(args[1]);
    return 0;
}

if (args.Length >= 2 && args[0] == "tokenize")
{
    Tokenize.Run(args[1]);
    return 0;
}

if (args.Length >= 2 && args[0] == "profile")
{
    Profile.Run(args[1]);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Exports).Assembly).Run(args);
return 0;
