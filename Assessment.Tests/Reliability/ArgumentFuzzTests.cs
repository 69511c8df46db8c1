using System.Globalization;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Reliability;

/// <summary>Random command lines of the read-only commands, their options and odd values: whatever is typed, assess
/// answers with an exit code of 0, 1 or 2 and at most one-line messages, never an exception or a stack trace. (A
/// validator that asked System.CommandLine for a value it could not parse once threw past every handler:
/// <c>--parallel x</c>.) Commands and options that write files are left out, since a random value would be a path in
/// the test's working folder. ASSESS_FUZZ_ITERATIONS and ASSESS_FUZZ_SEED apply, as for <see cref="FuzzTests"/>.</summary>
public sealed class ArgumentFuzzTests : IDisposable
{
    private static readonly string[] Commands = ["score", "score", "score SAMPLE", "validate", "rubric", "rubric list", "rubric show", "claims", ""];

    private static readonly string[] Options =
    [
        "--format", "--unit", "--lang", "--as-of", "--strict", "--encoding", "--parallel", "--compare-to", "--rubric",
        "--export", "--force", "--version", "-h", "--", "-", "-x", "--format=json", "--parallel=2",
    ];

    private static readonly string[] Values =
    [
        "", " ", "x", "0", "-1", "1.5", "513", "99999999999", "json", "csv", "markdown", "html", "table", "JSON", "zh", "en",
        "2025-01-15", "2025-02-30", "2025/1/15", "utf-8", "gb18030", "GBK", "utf-7", "utf-16", "standard", "grassroots", "U001", "U999",
        "中文", "\t", "=", "'", "\"", "SAMPLE", "SAMPLE_JSON", "PREVIOUS", "REPORT", "MISSING", "FOLDER",
    ];

    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private static int Iterations => Fuzzing.Iterations(400);

    private static int Seed => Fuzzing.Seed(20261129);

    [Fact]
    public void RandomCommandLines_NeverThrow_AndAnswerInShortLines()
    {
        var previous = Path.Combine(_x.Folder, "previous.json");
        File.WriteAllText(previous, CliRunner.Run("score", CliRunner.Sample, "--as-of", "2025-01-15", "--format", "json").Out);
        var report = Path.Combine(_x.Folder, "report.txt");
        File.WriteAllText(report, "全年开展集体学习研讨6次，中心组成员参学率高于90%。\n");
        var paths = new Dictionary<string, string>
        {
            ["SAMPLE"] = CliRunner.Sample,
            ["SAMPLE_JSON"] = Path.Combine(CliRunner.Sample, "sample.json"),
            ["PREVIOUS"] = previous,
            ["REPORT"] = report,
            ["MISSING"] = Path.Combine(_x.Folder, "missing"),
            ["FOLDER"] = _x.Folder,
        };
        var random = new Random(Seed);

        for (var i = 0; i < Iterations; i++)
        {
            var args = new List<string>();
            args.AddRange(Pick(random, Commands).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => paths.GetValueOrDefault(t, t)));
            for (var n = random.Next(0, 6); n > 0; n--)
            {
                var token = random.Next(4) switch
                {
                    0 => Pick(random, Options),
                    1 => Pick(random, Values),
                    _ => Pick(random, Options) + "\u0000" + Pick(random, Values), // an option and a value, half the time
                };
                args.AddRange(token.Split('\u0000').Select(t => paths.GetValueOrDefault(t, t)));
            }

            Fuzzing.Answered($"seed {Seed}, iteration {i}: {string.Join(' ', args.Select(a => $"[{a}]"))}", [.. args], 0, 1, 2);
        }
    }

    [Fact]
    public void RandomWrites_NeverThrow_AndLeaveNoTemporaryFile()
    {
        // The writing commands, with targets drawn from paths inside the test's own folder (and /proc, where nothing can
        // be made): a new file, an existing file, a folder empty or not, a missing folder, each extension.
        string[] writers = ["score SAMPLE -o", "score SAMPLE_JSON -o", "convert SAMPLE", "convert SAMPLE_JSON", "template"];
        string[] targets = ["NEW.json", "NEW.xlsx", "NEW.csv", "NEW.html", "NEW", "FILE", "FILE.json", "FOLDER", "FULL", "MISSING/x.json", "MISSING/x", "/proc/assess-fuzz.json", "/proc/assess-fuzz", ""];
        string[] extras = ["--force", "--lang", "en", "zh", "--format", "json", "csv", "html", "markdown", "table", "xml", "--strict", "--encoding", "utf-8", "--unit", "U001", "U999", "--as-of", "2025-01-15"];
        var random = new Random(Seed);
        var root = Directory.CreateDirectory(Path.Combine(_x.Folder, "writes")).FullName;

        for (var i = 0; i < Math.Max(1, Iterations / 4); i++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, i.ToString(CultureInfo.InvariantCulture))).FullName;
            File.WriteAllText(Path.Combine(folder, "FILE"), "mine");
            File.WriteAllText(Path.Combine(folder, "FILE.json"), "mine");
            Directory.CreateDirectory(Path.Combine(folder, "FOLDER"));
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "FULL")).FullName, "notes.txt"), "mine");
            string Resolve(string t) => t switch
            {
                "SAMPLE" => CliRunner.Sample,
                "SAMPLE_JSON" => Path.Combine(CliRunner.Sample, "sample.json"),
                "" => "",
                _ when t.StartsWith('/') => t,
                _ when t.StartsWith("NEW", StringComparison.Ordinal) || t is "FILE" or "FILE.json" or "FOLDER" or "FULL" || t.StartsWith("MISSING", StringComparison.Ordinal) => Path.Combine(folder, t),
                _ => t,
            };

            var args = Pick(random, writers).Split(' ').Select(Resolve).ToList();
            args.Add(Resolve(Pick(random, targets)));
            for (var n = random.Next(0, 4); n > 0; n--)
            {
                args.Add(Pick(random, extras));
            }

            var line = string.Join(' ', args.Select(a => $"[{a}]"));
            Fuzzing.Answered($"seed {Seed}, iteration {i}: {line}", [.. args], 0, 1, 2);
            Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName)
                .Should().NotContain(f => f!.StartsWith('.'), $"no temporary file or folder is left behind ({line})");
            File.ReadAllText(Path.Combine(folder, "FULL", "notes.txt")).Should().Be("mine", line);
        }
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];
}
