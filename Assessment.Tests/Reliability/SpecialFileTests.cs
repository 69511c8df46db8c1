using System.Diagnostics;
using Assessment.Core.Import;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Reliability;

/// <summary>Inputs that are not files on disk, or are far larger than the input can be: a named pipe nobody writes to,
/// a link to /dev/zero, a previous run's output given as a rubric. Before, the pipe in an export folder made
/// <c>validate</c> wait for ever and the others ran to an internal error after 4 GB. Unix only: Windows has neither
/// named pipes in folders nor /dev/zero.</summary>
public sealed class SpecialFileTests : IDisposable
{
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(1);
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private static bool Unix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    private string Pipe(string name)
    {
        var path = Path.Combine(_x.Folder, name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        mkfifo.ExitCode.Should().Be(0);
        return path;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private string LinkToDevZero(string name)
    {
        var path = Path.Combine(_x.Folder, name);
        File.CreateSymbolicLink(path, "/dev/zero");
        return path;
    }

    /// <summary>A file of <paramref name="bytes"/> zero bytes that takes no disk (sparse).</summary>
    private string Large(string name, long bytes)
    {
        var path = Path.Combine(_x.Folder, name);
        using var file = File.Create(path);
        file.SetLength(bytes);
        return path;
    }

    /// <summary>Writes <paramref name="bytes"/> to a pipe once a reader opens it; a reader that stops early breaks it.</summary>
    private static Task WriteTo(string pipe, byte[] bytes) => Task.Run(() =>
    {
        try
        {
            using var w = new FileStream(pipe, FileMode.Open, FileAccess.Write);
            w.Write(bytes);
        }
        catch (IOException)
        {
            // the reader closed the pipe before everything was written: what the limit is for
        }
    });

    /// <summary>The temporary folders (<c>Directory.CreateTempSubdirectory("assess-")</c>) holding a copy of a pipe of
    /// this name (<see cref="Assessment.Cli.Commands.ExportInput"/>).</summary>
    private static string[] CopiesOf(string name) =>
        [.. Directory.GetDirectories(Path.GetTempPath(), "assess-??????").Where(d => File.Exists(Path.Combine(d, name)))];

    /// <summary>Fails instead of waiting for ever on a task stuck on a pipe.</summary>
    private static void ShouldFinish(Task task) => task.Wait(Hang).Should().BeTrue("the pipe's writer should finish");

    /// <summary>Runs the command line, failing instead of waiting for ever.</summary>
    private static CliRunner.Result Run(params string[] args)
    {
        var run = Task.Run(() => CliRunner.Run(args));
        run.Wait(Hang).Should().BeTrue($"assess {string.Join(' ', args)} should not wait for ever");
        return run.Result;
    }

    [Fact]
    public void KindOf_TellsFilesPipesAndDevicesApart()
    {
        if (!Unix)
        {
            return;
        }

        _x.Write("empty.csv", "").Write("units.csv", TempExport.Units);
        File.CreateSymbolicLink(Path.Combine(_x.Folder, "link.csv"), Path.Combine(_x.Folder, "units.csv"));

        InputFile.KindOf(Path.Combine(_x.Folder, "empty.csv")).Should().Be(InputFile.Kind.Regular);
        InputFile.KindOf(Path.Combine(_x.Folder, "units.csv")).Should().Be(InputFile.Kind.Regular);
        InputFile.KindOf(Path.Combine(_x.Folder, "link.csv")).Should().Be(InputFile.Kind.Regular);
        InputFile.KindOf(Pipe("pipe.csv")).Should().Be(InputFile.Kind.Pipe);
        InputFile.KindOf(LinkToDevZero("zero.csv")).Should().Be(InputFile.Kind.Device);
        InputFile.KindOf("/dev/null").Should().Be(InputFile.Kind.Device);
    }

    [Fact]
    public void ReadAllBytes_StopsAtTheLimit_WithOrWithoutALength()
    {
        if (!Unix)
        {
            return;
        }

        InputFile.ReadAllBytes(Large("large.json", 10 << 20), 1 << 20, out var length).Should().BeNull();
        length.Should().Be(10 << 20);

        InputFile.ReadAllBytes(LinkToDevZero("zero.json"), 1 << 20, out length).Should().BeNull();
        length.Should().Be(-1, "a device has no length");

        var pipe = Pipe("pipe.json");
        var writer = WriteTo(pipe, new byte[4 << 20]);
        InputFile.ReadAllBytes(pipe, 1 << 20, out length).Should().BeNull();
        length.Should().Be(-1);
        ShouldFinish(writer);
    }

    [Fact]
    public void ReadAllBytes_ReadsAPipeWithinTheLimit()
    {
        if (!Unix)
        {
            return;
        }

        var pipe = Pipe("pipe.json");
        var writer = WriteTo(pipe, "{\"units\": []}"u8.ToArray());

        InputFile.ReadAllBytes(pipe, 1 << 20, out var length).Should().Equal("{\"units\": []}"u8.ToArray());
        length.Should().Be(13);
        ShouldFinish(writer);
    }

    [Theory]
    [InlineData("utf-8", false)]
    [InlineData("gb18030", false)]
    [InlineData("utf-8", true)]
    [InlineData("gb18030", true)]
    public void AJsonExportFromAPipe_IsReadWhole_AsTheSameFileOnDisk(string encoding, bool badByte)
    {
        // A pipe's bytes are read in the buffer they were gathered in (InputFile.ReadAll), and decoded from it. A bad
        // byte is located in that buffer, where a file on disk has it located as it streams (JsonExport.ReadNoText).
        if (!Unix)
        {
            return;
        }

        var text = File.ReadAllText(Path.Combine(CliRunner.Sample, "sample.json"));
        var bytes = (encoding == "utf-8" ? new System.Text.UTF8Encoding(false) : TempExport.Gb18030).GetBytes(text);
        if (badByte)
        {
            var at = bytes.AsSpan().LastIndexOf("\"U008\""u8) + 3;
            bytes = [.. bytes[..at], 0xFF, .. bytes[at..]];
        }

        var file = Path.Combine(_x.Folder, "pipe.json");
        File.WriteAllBytes(file, bytes);
        var options = new ReadOptions { AsOf = new DateOnly(2025, 1, 15) };
        var onDisk = Assessment.Tests.Core.ParallelReadTests.Describe(JsonExport.Read(file, options)).ToList();
        File.Delete(file);
        var pipe = Pipe("pipe.json");
        var writer = WriteTo(pipe, bytes);

        Assessment.Tests.Core.ParallelReadTests.Describe(JsonExport.Read(pipe, options)).Should().Equal(onDisk);
        if (badByte)
        {
            onDisk[0].Should().Match("pipe.json:* units[7].unitId [unit_id]: the file is not valid * and cannot be decoded");
            onDisk.Should().Contain("units 0");
        }
        else
        {
            onDisk.Should().Contain("units 8");
        }

        ShouldFinish(writer);
        writer = WriteTo(pipe, bytes);
        var all = InputFile.ReadAll(pipe, 1 << 20, out var length);
        all!.Value.Should().Equal(bytes);
        length.Should().Be(bytes.Length);
        ShouldFinish(writer);
    }

    [Theory]
    [InlineData("validate", "utf-8")]
    [InlineData("validate", "gb18030")]
    [InlineData("score", "gb18030")]
    [InlineData("convert", "utf-8")]
    [InlineData("claims", "utf-8")]
    public void TheCommandLine_CopiesAJsonExportFromAPipe_AndGivesWhatTheFileOnDiskGives(string command, string encoding)
    {
        // The command line copies a JSON export from a pipe to a temporary folder and reads the copy, unit by unit
        // (ExportInput), where it read the pipe whole. The output is the same file's on disk, the name the pipe's; the
        // copy is gone afterwards.
        if (!Unix)
        {
            return;
        }

        var text = File.ReadAllText(Path.Combine(CliRunner.Sample, "sample.json"));
        var bytes = (encoding == "utf-8" ? new System.Text.UTF8Encoding(false) : TempExport.Gb18030).GetBytes(text);
        var name = $"pipe-{Guid.NewGuid():N}.json";
        var file = Path.Combine(_x.Folder, name);
        var converted = Path.Combine(_x.Folder, "converted");
        string[] Args(string input) => command switch
        {
            "convert" => ["convert", input, converted],
            "claims" => ["claims", Path.Combine(_x.Folder, "report.txt"), "--export", input, "--unit", "U001", "--lang", "en"],
            _ => [command, input, "--lang", "en", "--as-of", "2025-01-15"],
        };
        File.WriteAllText(Path.Combine(_x.Folder, "report.txt"), "本年度中心组开展集体学习 12 次。\n");
        File.WriteAllBytes(file, bytes);
        var onDisk = Run(Args(file));
        List<(string, string)> Written()
        {
            var files = Directory.Exists(converted) ? Directory.GetFiles(converted).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList() : [];
            if (Directory.Exists(converted))
            {
                Directory.Delete(converted, true);
            }

            return files;
        }

        var writtenFromDisk = Written();
        File.Delete(file);
        var pipe = Pipe(name);
        var writer = WriteTo(pipe, bytes);

        var fromPipe = Run(Args(pipe));

        ShouldFinish(writer);
        (fromPipe.Exit, fromPipe.Out, fromPipe.Error).Should().Be((onDisk.Exit, onDisk.Out, onDisk.Error));
        fromPipe.Exit.Should().BeLessThan(2, fromPipe.Out + fromPipe.Error);
        Written().Should().Equal(writtenFromDisk).And.HaveCount(command == "convert" ? 11 : 0);
        CopiesOf(name).Should().BeEmpty("the copy is deleted");
    }

    [Fact]
    public void ExportInput_CopiesAJsonPipe_ToAFileOfItsName_ReadUnitByUnit_AndDeletesIt()
    {
        if (!Unix)
        {
            return;
        }

        var bytes = File.ReadAllBytes(Path.Combine(CliRunner.Sample, "sample.json"));
        var pipe = Pipe("export.json");
        var writer = WriteTo(pipe, bytes);
        string copy;
        using (var input = Assessment.Cli.Commands.ExportInput.Open(pipe, ReadOptions.Default))
        {
            ShouldFinish(writer);
            (input.Given, input.Failure).Should().Be((pipe, null));
            copy = input.Path;
            (copy == pipe, Path.GetFileName(copy)).Should().Be((false, "export.json"));
            File.ReadAllBytes(copy).Should().Equal(bytes);
            Assessment.Cli.Commands.ExportLoader.Streamable(input).Should().Be(copy);
        }

        Directory.Exists(Path.GetDirectoryName(copy)).Should().BeFalse();

        // Anything else is read where it is: a file, a folder, a pipe that is no JSON export.
        foreach (var given in new[] { Path.Combine(CliRunner.Sample, "sample.json"), CliRunner.Sample, Pipe("export.xlsx") })
        {
            using var input = Assessment.Cli.Commands.ExportInput.Open(given, ReadOptions.Default);
            (input.Path, input.Failure).Should().Be((given, null));
        }
    }

    [Fact]
    public void ExportInput_WaitingOnAPipe_IsCancelledAtOnce_AndLeavesNoCopy()
    {
        // Opening a pipe waits for a writer, and neither that nor a read can be cancelled: the copy runs on a thread of
        // its own, and Ctrl-C (the token) ends the wait for it at once. Before, the run waited until a writer came.
        if (!Unix)
        {
            return;
        }

        var pipe = Pipe("export.json");
        static HashSet<string> Copies() => Directory.GetDirectories(Path.GetTempPath(), "assess-??????").ToHashSet();
        var before = Copies();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var open = Task.Run(() => Assessment.Cli.Commands.ExportInput.Open(pipe, ReadOptions.Default with { Cancellation = cancel.Token }));

        ((Action)(() => open.Wait(Hang))).Should().Throw<OperationCanceledException>();
        Copies().Except(before).Should().BeEmpty("the copy's folder is deleted");

        // The thread still waiting on the pipe is let go: a writer opens it and closes it at once.
        ShouldFinish(WriteTo(pipe, []));
    }

    [Fact]
    public async Task Sigterm_CancelsTheRunAsCtrlCDoes_Exit143_LeavingNoCopyNorOutput()
    {
        // SIGTERM (`kill`, `timeout`, a scheduler stopping the job) cancels the run as Ctrl-C does, instead of killing
        // the process: the pipe's copy and the temporary output are removed. The command runs as a process of its own,
        // stopped while it copies a JSON export from a pipe whose writer has sent half of it.
        if (!Unix)
        {
            return;
        }

        var name = $"pipe-{Guid.NewGuid():N}.json";
        var pipe = Pipe(name);
        var output = Path.Combine(_x.Folder, "scores.json");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "assess.dll"), "score", pipe, "-o", output, "--format", "json"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var bytes = File.ReadAllBytes(Path.Combine(CliRunner.Sample, "sample.json"));
        var opening = Task.Run(() => new FileStream(pipe, FileMode.Open, FileAccess.Write));
        (await Task.WhenAny(opening, Task.Delay(Hang))).Should().BeSameAs(opening, "the command should open the pipe");
        using var writer = await opening;
        writer.Write(bytes, 0, bytes.Length / 2);
        writer.Flush();
        for (var waited = 0; CopiesOf(name).Length == 0 && waited < Hang.TotalMilliseconds; waited += 50)
        {
            await Task.Delay(50);
        }

        CopiesOf(name).Should().ContainSingle("the command copies the pipe");
        Kill(process.Id, 15).Should().Be(0, "SIGTERM is sent");

        process.WaitForExit((int)Hang.TotalMilliseconds).Should().BeTrue("SIGTERM should end the run");
        process.ExitCode.Should().Be(143);
        process.StandardError.ReadToEnd().Should().Contain("cancelled; no output was written");
        CopiesOf(name).Should().BeEmpty();
        File.Exists(output).Should().BeFalse();
        Directory.GetFiles(_x.Folder, ".scores.json.*").Should().BeEmpty("the temporary output is removed");
    }

    [Fact]
    public void AJsonExportFromAPipe_OverTheLimit_IsAFileErrorWithoutASize_AndLeavesNoCopy()
    {
        if (!Unix)
        {
            return;
        }

        var pipe = Pipe("export.json");
        var writer = WriteTo(pipe, new byte[3 << 20]);
        var options = ReadOptions.Default with { Limits = ReadLimits.Default with { MaxFileBytes = 1 << 20 } };
        string copy;
        using (var input = Assessment.Cli.Commands.ExportInput.Open(pipe, options))
        {
            var e = Assessment.Cli.Commands.ExportLoader.Check(input, options);

            e.Diagnostics.Should().ContainSingle().Which.Should().BeEquivalentTo(new { File = "export.json", Code = "file-over-limit" });
            (e.Source, e.ExitCode).Should().Be((pipe, 2));
            Assessment.Cli.Commands.ExportLoader.Streamable(input).Should().BeNull();
            copy = input.Path;
            copy.Should().NotBe(pipe);
            File.Exists(copy).Should().BeTrue();
        }

        File.Exists(copy).Should().BeFalse();
        Directory.Exists(Path.GetDirectoryName(copy)).Should().BeFalse();
        ShouldFinish(writer);
    }

    [Theory]
    [InlineData("pipe")]
    [InlineData("device")]
    public void AnExportFoldersTableThatIsNoFile_IsAFileErrorNamingIt(string kind)
    {
        if (!Unix)
        {
            return;
        }

        foreach (var file in Directory.GetFiles(CliRunner.Sample, "*.csv"))
        {
            File.Copy(file, Path.Combine(_x.Folder, Path.GetFileName(file)));
        }

        File.Delete(Path.Combine(_x.Folder, "reviews.csv"));
        _ = kind == "pipe" ? Pipe("reviews.csv") : LinkToDevZero("reviews.csv");

        var r = Run("validate", _x.Folder, "--lang", "en");

        r.Exit.Should().Be(2);
        r.Out.Should().Contain("file error reviews.csv: not a regular file (a pipe or a device); not read");
    }

    [Theory]
    [InlineData("export.json")]
    [InlineData("export.xlsx")]
    public void AnExportFileThatIsADevice_IsAFileError(string name)
    {
        if (!Unix)
        {
            return;
        }

        var r = Run("score", LinkToDevZero(name), "--lang", "en");

        r.Exit.Should().Be(2);
        r.Out.Should().Contain($"file error {name}: not a regular file (a pipe or a device); not read");
    }

    [Fact]
    public void AWorkbookFromAPipe_IsAFileError()
    {
        if (!Unix)
        {
            return;
        }

        // A workbook is read by seeking; the pipe is refused before anything waits on it.
        var r = Run("score", Pipe("export.xlsx"), "--lang", "en");

        r.Exit.Should().Be(2);
        r.Out.Should().Contain("file error export.xlsx: not a regular file (a pipe or a device); not read");
    }

    [Fact]
    public void AJsonExportOverTheLimit_FromAPipe_IsAFileErrorWithoutASize()
    {
        if (!Unix)
        {
            return;
        }

        var pipe = Pipe("export.json");
        var writer = WriteTo(pipe, new byte[3 << 20]);

        var e = JsonExport.Read(pipe, ReadOptions.Default with { Limits = ReadLimits.Default with { MaxFileBytes = 1 << 20 } });

        e.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("file-over-limit");
        ShouldFinish(writer);
    }

    [Fact]
    public void ARubricFromAPipe_IsRead()
    {
        if (!Unix)
        {
            return;
        }

        // `--rubric <(jq … my-rubric.json)` names a pipe: it is read, within the limit.
        var pipe = Pipe("rubric.json");
        var writer = WriteTo(pipe, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "rules", "grassroots.json")));

        var r = Run("rubric", "show", pipe, "--lang", "en");

        r.Exit.Should().Be(0, r.Error);
        r.Out.Should().Contain("XS-01");
        ShouldFinish(writer);
    }

    [Fact]
    public void ARubricThatIsADeviceOrFarTooLarge_IsRefusedAtOnce()
    {
        if (!Unix)
        {
            return;
        }

        Run("score", CliRunner.Sample, "--rubric", LinkToDevZero("zero.json")).Error.Should()
            .Contain("the rubric cannot be used: ").And.Contain("zero.json: not a rubric file but a device");
        var r = Run("score", CliRunner.Sample, "--rubric", Large("scores.json", 17 << 20));
        r.Exit.Should().Be(2);
        r.Error.Should().Contain("scores.json: over 16 MiB, which no rubric is");
    }

    [Fact]
    public void AReportThatIsADeviceOrFarTooLarge_IsRefused()
    {
        if (!Unix)
        {
            return;
        }

        Run("claims", LinkToDevZero("report.txt")).Error.Should().Contain("cannot read the report: not a regular file but a device");
        Run("claims", LinkToDevZero("report.docx")).Error.Should().Contain("cannot read the report: not a regular file but a device");
        Run("claims", Pipe("piped.docx")).Error.Should().Contain("cannot read the report: a .docx document is read by seeking");
        var r = Run("claims", Large("long.txt", 65 << 20));
        r.Exit.Should().Be(2);
        r.Error.Should().Contain("cannot read the report: over 64 MiB, which no report is");
    }

    [Fact]
    public void APreviousRunThatIsADevice_IsAUsageError()
    {
        if (!Unix)
        {
            return;
        }

        var r = Run("score", CliRunner.Sample, "--compare-to", LinkToDevZero("previous.json"));

        r.Exit.Should().Be(2);
        r.Error.Should().Contain("previous.json: 不是普通文件，而是设备 / not a regular file but a device");
    }
}
