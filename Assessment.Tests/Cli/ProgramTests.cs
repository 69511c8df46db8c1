using System.Diagnostics;
using System.Text;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Cli;

/// <summary>The program itself, started as a process: what a shell redirecting its output gets.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly TempExport _x = new();
    private readonly TempExport _export = new();

    public void Dispose()
    {
        _x.Dispose();
        _export.Dispose();
    }

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

    [Theory]
    [InlineData("json", false)]
    [InlineData("json", true)]
    [InlineData("csv", true)]
    public void Score_StdoutAFile_GivesTheBytesOfTheOutputFile(string format, bool outOfOrder)
    {
        // `> scores.json`: stdout is a file that can be cut back, so the units are written as they are read, and an
        // export found out of unit order on the way is written again from the whole read (StdoutFile, Program.cs).
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // no shell to redirect with, and stdout is never taken back there
        }

        var export = GeneratedExport(outOfOrder);
        var reference = Path.Combine(_x.Folder, "reference." + format);
        var redirected = Path.Combine(_x.Folder, "redirected." + format);
        string[] args = ["score", export, "--format", format, "--as-of", "2025-01-15"];
        var (fileExit, _, fileError) = Start([.. args, "-o", reference]);

        var (exit, error) = StartInShell(">", redirected, args);

        exit.Should().Be(fileExit).And.Be(1, "one unit has a row error");
        error.Should().Be(fileError);
        File.ReadAllBytes(redirected).Should().Equal(File.ReadAllBytes(reference));
    }

    [Theory]
    [InlineData(false, "set")]
    [InlineData(true, "set")]
    [InlineData(false, "missing")]
    [InlineData(false, "unset")]
    public void Score_JsonToAPipe_IsSpooledInTheTemporaryFolder(bool outOfOrder, string tmpdir)
    {
        // JSON for a pipe is read unit by unit into a spool file, and copied to the pipe once every unit is scored:
        // when the first byte comes, the spool file is there, since more than the pipe's 64 KB remain to be copied.
        // The spool goes to TMPDIR if set, else to /var/tmp (on disk where /tmp may be memory), and its name is removed
        // at once, so that nothing is left however the process ends: it shows only among the process's open files. An
        // export not in unit order is read again whole and written straight to the pipe, the spool file closed first;
        // so is any export when no spool file can be made (TMPDIR names a folder that does not exist).
        if (!OperatingSystem.IsLinux())
        {
            return; // TMPDIR and /var/tmp are where .NET and assess make temporary files only on Linux and macOS, and /proc is Linux's
        }

        var export = GeneratedExport(outOfOrder);
        var reference = Path.Combine(_x.Folder, "reference.json");
        string[] args = ["score", export, "--format", "json", "--as-of", "2025-01-15"];
        var (fileExit, _, fileError) = Start([.. args, "-o", reference]);
        new FileInfo(reference).Length.Should().BeGreaterThan(512 << 10, "the copy must outlast what the pipe holds");
        var temp = tmpdir == "unset" ? (Writable("/var/tmp") ? "/var/tmp" : Path.GetTempPath()) : Path.Combine(_x.Folder, "tmp");
        if (tmpdir == "set")
        {
            Directory.CreateDirectory(temp);
        }

        var (exit, stdout, error, spooled) = StartPiped(tmpdir == "unset" ? null : temp, temp, args);

        exit.Should().Be(fileExit).And.Be(1, "one unit has a row error");
        error.Should().Be(fileError);
        stdout.Should().Equal(File.ReadAllBytes(reference));
        spooled.Should().Be(!outOfOrder && tmpdir != "missing");
        if (tmpdir == "set")
        {
            Directory.GetFileSystemEntries(temp).Should().BeEmpty("the spool file is deleted");
        }
    }

    [Theory]
    [InlineData("html")]
    [InlineData("markdown")]
    public void Score_AReportToAPipe_WithNoTemporaryFolder_KeepsEveryScorecardAndGivesTheSameBytes(string format)
    {
        // A report to stdout spools its units' sections in the temporary folder; where none can be made there, it
        // renders them from the scorecards, kept whole, as the -o report (spooled beside the file) is rendered.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var export = GeneratedExport(outOfOrder: false);
        var reference = Path.Combine(_x.Folder, "reference." + format);
        string[] args = ["score", export, "--format", format, "--as-of", "2025-01-15"];
        var (fileExit, _, fileError) = Start([.. args, "-o", reference]);

        var (exit, stdout, error, _) = StartPiped(Path.Combine(_x.Folder, "no-such-folder"), _x.Folder, args);

        exit.Should().Be(fileExit).And.Be(1, "one unit has a row error");
        error.Should().Be(fileError);
        stdout.Should().Equal(File.ReadAllBytes(reference));
    }

    [Fact]
    public void Score_JsonToAPipe_WhenTheSpoolFileHitsAFileSizeLimit_ReadsWholeAndGivesTheSameBytes()
    {
        // A spool file that can no longer be written part-way (here the file-size limit, `ulimit -f`; a full disk is
        // the same to assess) is dropped before anything reaches stdout, and the export is read whole.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var export = GeneratedExport(outOfOrder: false);
        var reference = Path.Combine(_x.Folder, "reference.json");
        string[] args = ["score", export, "--format", "json", "--as-of", "2025-01-15"];
        var (fileExit, _, fileError) = Start([.. args, "-o", reference]);
        var temp = Directory.CreateDirectory(Path.Combine(_x.Folder, "tmp")).FullName;

        var (exit, stdout, error, _) = StartPiped(temp, temp, args, fileSizeLimitBlocks: 200);

        new FileInfo(reference).Length.Should().BeGreaterThan(200 * 512, "the spool must pass the limit");
        exit.Should().Be(fileExit).And.Be(1, "one unit has a row error");
        error.Should().Be(fileError);
        stdout.Should().Equal(File.ReadAllBytes(reference));
        Directory.GetFileSystemEntries(temp).Should().BeEmpty();
    }

    [Theory]
    [InlineData("html", 200, "generated")]
    [InlineData("markdown", 200, "generated")]
    [InlineData("markdown", 8, "sample")] // the sample's sections fit in the spool writer's buffer: the failure shows only when it is flushed
    [InlineData("markdown", 8, "sample.json")] // a JSON export is read whole, then scored again
    public void Score_AReportToAPipe_WhenItsSpoolHitsAFileSizeLimit_ScoresAgainWholeAndGivesTheSameBytes(string format, int blocks, string source)
    {
        // A report's units' sections are spooled in the temporary folder as they are scored. A spool that can no longer
        // be written part-way is dropped before anything reaches stdout, and the units are scored again keeping every
        // scorecard whole, as when no spool file can be made at all.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var export = source switch
        {
            "generated" => GeneratedExport(outOfOrder: false),
            "sample" => CliRunner.Sample,
            _ => Path.Combine(CliRunner.Sample, source),
        };
        var reference = Path.Combine(_x.Folder, "reference." + format);
        string[] args = ["score", export, "--format", format, "--as-of", "2025-01-15"];
        var (fileExit, _, fileError) = Start([.. args, "-o", reference]);
        var temp = Directory.CreateDirectory(Path.Combine(_x.Folder, "tmp")).FullName;

        var (exit, stdout, error, _) = StartPiped(temp, temp, args, fileSizeLimitBlocks: blocks);

        new FileInfo(reference).Length.Should().BeGreaterThan(blocks * 512 * 2, "the spool must pass the limit");
        exit.Should().Be(fileExit);
        error.Should().Be(fileError);
        stdout.Should().Equal(File.ReadAllBytes(reference));
        Directory.GetFileSystemEntries(temp).Should().BeEmpty();
    }

    [Theory]
    [InlineData("json")]
    [InlineData("html")]
    public void Score_OutputFileOverAFileSizeLimit_IsAFileErrorInOneLine(string format)
    {
        // .NET reports a write past the largest file allowed (EFBIG) as an ArgumentOutOfRangeException; assess must
        // not take it for a bug (exit 70), but say what happened, exit 2, and leave no file behind.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var export = GeneratedExport(outOfOrder: false);
        var target = Path.Combine(_x.Folder, "out." + format);

        var (exit, stdout, error, _) = StartPiped(null, _x.Folder, ["score", export, "--format", format, "--as-of", "2025-01-15", "-o", target],
            fileSizeLimitBlocks: 200);

        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().StartWith("assess: 文件超出文件系统或文件大小限制").And.Contain("ulimit -f").And.EndWith($": {target}");
        Directory.GetFiles(_x.Folder).Should().BeEmpty("neither the output nor its temporary file is left");
    }

    [Theory]
    [InlineData("out.json")]
    [InlineData("out.xlsx")]
    [InlineData("csv")]
    [InlineData("template")]
    public void ConvertAndTemplate_OverAFileSizeLimit_AreAFileErrorInOneLine_AndLeaveNothing(string target)
    {
        // As -o above: EFBIG is a file error naming the file asked for, and no file, temporary or partial, is left.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var export = GeneratedExport(outOfOrder: false);
        File.Delete(Path.Combine(export, "attendance.csv")); // the row error GeneratedExport adds stops a convert
        var path = Path.Combine(_x.Folder, target);
        string[] args = target == "template" ? ["template", path] : ["convert", export, path];

        // Each limit is below what the target takes. The workbook is written as it is made, straight to the file, so the
        // limit is crossed part-way through its zip, not in one write at the end.
        var (exit, stdout, error, _) = StartPiped(null, _x.Folder, args, fileSizeLimitBlocks: target switch { "template" => 4, "csv" => 16, "out.xlsx" => 40, _ => 200 });

        exit.Should().Be(2, error);
        stdout.Should().BeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().StartWith("assess: 文件超出文件系统或文件大小限制").And.Contain($": {path}").And.NotContain(".tmp", "the file asked for is named");
        Directory.GetFileSystemEntries(_x.Folder).Should().BeEmpty("neither the output nor a temporary file or folder is left");
    }

    [Fact]
    public void Convert_ToAnExistingCsvFolder_OverAFileSizeLimit_LeavesItAsItWas()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var export = GeneratedExport(outOfOrder: false);
        File.Delete(Path.Combine(export, "attendance.csv"));
        var target = Directory.CreateDirectory(Path.Combine(_x.Folder, "csv")).FullName;
        File.WriteAllText(Path.Combine(target, "units.csv"), "unit_id,unit_name,year\nOLD,旧,2024\n");

        var (exit, _, _, _) = StartPiped(null, _x.Folder, ["convert", export, target, "--force"], fileSizeLimitBlocks: 16);

        exit.Should().Be(2);
        Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Should().Equal("units.csv");
        File.ReadAllText(Path.Combine(target, "units.csv")).Should().Be("unit_id,unit_name,year\nOLD,旧,2024\n");
    }

    [Theory]
    [InlineData(">>", true)]
    [InlineData("2>&1", true)]
    [InlineData(">>", false)]
    [InlineData("2>&1", false)]
    public void Score_StdoutAFileSharedOrAppendedTo_KeepsWhatElseIsInIt(string how, bool outOfOrder)
    {
        // `>>` onto a file with text in it, and stderr into the same file: neither may be cut back, so the output is
        // spooled as for a pipe (or, out of order, the export read whole) and written once, after the text already
        // there, with stderr's lines after it, as they are written after the output.
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var export = GeneratedExport(outOfOrder);
        var reference = Path.Combine(_x.Folder, "reference.json");
        var redirected = Path.Combine(_x.Folder, "redirected.json");
        string[] args = ["score", export, "--format", "json", "--as-of", "2025-01-15"];
        var (fileExit, _, fileError) = Start([.. args, "-o", reference]);
        byte[] before = how == ">>" ? [.. "earlier output\n"u8] : [];
        File.WriteAllBytes(redirected, before);

        var (exit, _) = StartInShell(how == ">>" ? ">>" : "> \"$OUT\" 2>&1", redirected, args);

        exit.Should().Be(fileExit);
        byte[] expected = how == ">>"
            ? [.. before, .. File.ReadAllBytes(reference)]
            : [.. File.ReadAllBytes(reference), .. Encoding.UTF8.GetBytes(fileError)];
        fileError.Should().NotBeEmpty();
        File.ReadAllBytes(redirected).Should().Equal(expected);
    }

    /// <summary>A generated export of 60 units, the first with a row error. Out of unit order, the first unit's
    /// attendance comes last, so a streamed read finds that out only once every unit was written, the first as if it
    /// were valid: more than the whole read then writes, so the file must be cut back, not only written over.</summary>
    private string GeneratedExport(bool outOfOrder)
    {
        new ExportGenerator(41, new ExportGenerator.Shape(Plain: true)).Write(_export.Folder, 60, "P-", new DateOnly(2025, 1, 15));
        var attendance = Path.Combine(_export.Folder, "attendance.csv");
        var lines = File.ReadAllLines(attendance, Encoding.UTF8);
        File.WriteAllLines(attendance, [lines[0], lines[1], $"{lines[1].Split(',')[0]},NO-SUCH-SESSION,NO-SUCH-MEMBER,出席", .. lines.Skip(2)],
            new UTF8Encoding(true));
        if (outOfOrder)
        {
            _export.MoveFirstUnitToTheEnd("attendance.csv");
        }

        return _export.Folder;
    }

    /// <summary>Runs assess.dll (copied beside the tests) with the tests' runtime configuration; stdout as bytes.</summary>
    private static (int Exit, byte[] Out, string Error) Start(params string[] args)
    {
        var start = Piped(args);
        using var p = Process.Start(start)!;
        using var bytes = new MemoryStream();
        var error = p.StandardError.ReadToEndAsync();
        p.StandardOutput.BaseStream.CopyTo(bytes);
        p.WaitForExit();
        return (p.ExitCode, bytes.ToArray(), error.Result);
    }

    /// <summary>Whether this process can make a file in <paramref name="folder"/>, as assess would.</summary>
    private static bool Writable(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".assess-test.{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write,
                FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Runs assess.dll with stdout a pipe and TMPDIR <paramref name="tmpdir"/> (null: unset); says whether a
    /// spool file of the process was in <paramref name="lookIn"/> when the first byte came down the pipe.</summary>
    private static (int Exit, byte[] Out, string Error, bool Spooled) StartPiped(string? tmpdir, string lookIn, string[] args,
        int? fileSizeLimitBlocks = null)
    {
        var start = Piped(args);
        if (fileSizeLimitBlocks is { } blocks)
        {
            // Through /bin/sh, with SIGXFSZ ignored so that a write past the limit fails (EFBIG) instead of killing the
            // process, and without the runtime's double-mapped code memory, which counts as a file against the limit.
            var command = new ProcessStartInfo("/bin/sh")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardErrorEncoding = Encoding.UTF8,
            };
            command.ArgumentList.Add("-c");
            command.ArgumentList.Add($"trap '' XFSZ; ulimit -f {blocks}; exec \"$@\"");
            command.ArgumentList.Add("sh");
            command.ArgumentList.Add(start.FileName);
            foreach (var a in start.ArgumentList)
            {
                command.ArgumentList.Add(a);
            }

            command.Environment["DOTNET_EnableWriteXorExecute"] = "0";
            start = command;
        }
        if (tmpdir is null)
        {
            start.Environment.Remove("TMPDIR");
        }
        else
        {
            start.Environment["TMPDIR"] = tmpdir;
        }

        using var p = Process.Start(start)!;
        using var bytes = new MemoryStream();
        var error = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.BaseStream;
        var first = output.ReadByte();
        var (spooled, named) = OperatingSystem.IsLinux() ? OpenSpools.In(p.Id, lookIn) : (0, 0);
        named.Should().Be(0, "a spool file has no name from the moment it is made");
        if (first >= 0)
        {
            bytes.WriteByte((byte)first);
            output.CopyTo(bytes);
        }

        p.WaitForExit();
        return (p.ExitCode, bytes.ToArray(), error.Result, spooled > 0);
    }

    /// <summary>Runs assess.dll from /bin/sh with stdout redirected to <paramref name="file"/> (<c>&gt;</c> or
    /// <c>&gt;&gt;</c>, or a redirection of its own that names <c>$OUT</c>), as a user's shell would.</summary>
    private static (int Exit, string Error) StartInShell(string redirect, string file, string[] args)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, UseShellExecute = false, StandardErrorEncoding = Encoding.UTF8 };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(redirect.Contains("$OUT") ? $"exec \"$@\" {redirect}" : $"exec \"$@\" {redirect} \"$OUT\"");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        foreach (var a in Assess(args))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["OUT"] = file;
        using var p = Process.Start(start)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, error);
    }

    /// <summary>assess.dll with stdout and stderr pipes to this process.</summary>
    private static ProcessStartInfo Piped(string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in Assess(args))
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    private static string[] Assess(string[] args)
    {
        var dir = AppContext.BaseDirectory;
        return ["exec", "--runtimeconfig", Path.Combine(dir, "Assessment.Tests.runtimeconfig.json"),
            "--depsfile", Path.Combine(dir, "assess.deps.json"), Path.Combine(dir, "assess.dll"), .. args];
    }
}
