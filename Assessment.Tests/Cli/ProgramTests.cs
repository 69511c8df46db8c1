using System.Diagnostics;
using System.Text;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Cli;

/// <summary>The program itself, started as a process: what a shell redirecting its output gets.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public void Score_StdoutRedirected_GivesTheBytesOfTheOutputFile(string format)
    {
        // Redirected stdout gets a UTF-8 writer of the program's own (Program.cs), on which the JSON writer puts its
        // bytes straight; the file written with -o is the reference.
        var file = Path.Combine(_x.Folder, "out." + format);
        var (exit, stdout, _) = Start("score", CliRunner.Sample, "--format", format, "--as-of", "2025-01-15");
        var (fileExit, _, _) = Start("score", CliRunner.Sample, "--format", format, "--as-of", "2025-01-15", "-o", file);

        exit.Should().Be(fileExit);
        stdout.Length.Should().BeGreaterThan(1000);
        stdout.Should().Equal(File.ReadAllBytes(file));
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("rubric", "list")]
    [InlineData("score", "--format", "markdown")]
    public void Commands_StdoutRedirected_WriteWhatTheyWriteInProcess(params string[] command)
    {
        string[] args = command[0] == "rubric" ? command : [command[0], CliRunner.Sample, .. command[1..], "--as-of", "2025-01-15"];

        var (exit, stdout, _) = Start(args);
        var expected = CliRunner.Run(args);

        exit.Should().Be(expected.Exit);
        Encoding.UTF8.GetString(stdout).Should().Be(expected.Out).And.NotBeEmpty();
    }

    /// <summary>Runs assess.dll (copied beside the tests) with the tests' runtime configuration; stdout as bytes.</summary>
    private static (int Exit, byte[] Out, string Error) Start(params string[] args)
    {
        var dir = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in (string[])["exec", "--runtimeconfig", Path.Combine(dir, "Assessment.Tests.runtimeconfig.json"),
                     "--depsfile", Path.Combine(dir, "assess.deps.json"), Path.Combine(dir, "assess.dll"), .. args])
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        using var bytes = new MemoryStream();
        var error = p.StandardError.ReadToEndAsync();
        p.StandardOutput.BaseStream.CopyTo(bytes);
        p.WaitForExit();
        return (p.ExitCode, bytes.ToArray(), error.Result);
    }
}
