using Assessment.Cli;
using Terminal = Assessment.Cli.Terminal;

namespace Assessment.Tests.TestAssets;

/// <summary>Runs the command line in-process with captured stdout and stderr, as a pipe would see them.</summary>
internal static class CliRunner
{
    public sealed record Result(int Exit, string Out, string Error);

    /// <summary>The shipped sample, as copied beside the program.</summary>
    public static string Sample => Path.Combine(AppContext.BaseDirectory, "samples");

    public static Result Run(params string[] args) => RunOn(false, args);

    public static Result RunOn(bool errorIsTerminal, params string[] args) => Run(false, errorIsTerminal, args);

    /// <summary>With stdout a terminal (no colours here: the writer is a string).</summary>
    public static Result RunToTerminal(params string[] args) => Run(true, false, args);

    /// <summary>With <c>score</c> reading a CSV folder whole (<see cref="Terminal.ReadWhole"/>), as it does an export not in
    /// unit order: the reference every output read unit by unit must match.</summary>
    public static Result RunWhole(params string[] args) => Run(false, false, args, readWhole: true);

    private static Result Run(bool outIsTerminal, bool errorIsTerminal, string[] args, bool readWhole = false)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var exit = Assessment.Cli.Cli.Run(args, new Terminal(o, e, outIsTerminal, errorIsTerminal, ReadWhole: readWhole));
        return new Result(exit, o.ToString(), e.ToString());
    }

    /// <summary>The folder of expected outputs in the source tree (so that updating a golden file is a diff to review).
    /// Found by walking up from the test binaries to the project folder: a deterministic CI build maps source paths
    /// to /_/, so [CallerFilePath] cannot be used.</summary>
    public static string ExpectedDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Assessment.Tests.csproj")))
            {
                return Path.Combine(dir.FullName, "TestData", "Expected");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "TestData", "Expected"); // the copy beside the binaries
    }

    /// <summary>Compares with a golden file, line endings normalised. With ASSESS_UPDATE_GOLDEN=1 it rewrites the file instead.</summary>
    public static void ShouldMatchGolden(this string actual, string name)
    {
        var path = Path.Combine(ExpectedDir(), name);
        var normalised = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("ASSESS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, normalised);
            return;
        }

        File.Exists(path).Should().BeTrue($"the golden file {name} must exist (run the tests once with ASSESS_UPDATE_GOLDEN=1 and review the diff)");
        normalised.Should().Be(System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path)).ReplaceLineEndings("\n"));
    }
}
