using System.Globalization;

namespace Assessment.Tests.TestAssets;

/// <summary>What the fuzz tests share: their budget and seed (a small budget in CI; ASSESS_FUZZ_ITERATIONS and
/// ASSESS_FUZZ_SEED for a long run, see docs/reliability.md), and the one thing every run must do whatever it is given:
/// answer.</summary>
internal static class Fuzzing
{
    /// <summary>ASSESS_FUZZ_ITERATIONS, else <paramref name="inCi"/>.</summary>
    public static int Iterations(int inCi) =>
        int.TryParse(Environment.GetEnvironmentVariable("ASSESS_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : inCi;

    /// <summary>ASSESS_FUZZ_SEED, else <paramref name="byDefault"/>.</summary>
    public static int Seed(int byDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("ASSESS_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : byDefault;

    /// <summary>Runs the command line in-process. It must answer: no exception out of it, one of <paramref name="exits"/>,
    /// and no stack trace or "internal error" on stderr. <paramref name="because"/> says what was run (the seed, the
    /// iteration, the input), so that a failure can be replayed.</summary>
    public static CliRunner.Result Answered(string because, string[] args, params int[] exits)
    {
        CliRunner.Result r;
        try
        {
            r = CliRunner.Run(args);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{because}: threw {e.GetType().Name}: {e.Message}");
        }

        r.Exit.Should().BeOneOf(exits, $"{because}\n{r.Error}");
        r.Error.Should().NotContain("   at ", because).And.NotContain("internal error", because);
        return r;
    }
}
