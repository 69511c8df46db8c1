using System.Text;
using Assessment.Core.Diagnostics;
using Assessment.Core.Import;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Reliability;

public sealed class LimitsTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    [Fact]
    public void FieldOverTheLimit_IsRowErrorOfItsUnit()
    {
        _x.Write("units.csv", TempExport.Units).Write("sessions.csv", $"unit_id,session_id,date,topic\nU1,S1,2024-03-05,{new string('长', 10_001)}\n");

        var e = _x.Read();

        var d = e.Diagnostics.Should().ContainSingle(x => x.Severity == Severity.RowError).Subject;
        (d.File, d.Line, d.UnitId, d.Code).Should().Be(("sessions.csv", 2, "U1", "field-too-long"));
        e.Units.Select(u => u.UnitId).Should().Equal("U2");
    }

    [Fact]
    public void UnclosedQuoteSwallowingTheFile_IsALocatedRowErrorNotExhaustion()
    {
        var rest = string.Concat(Enumerable.Range(0, 5000).Select(i => $"U2,S{i},2024-03-05,第{i}次\n"));
        _x.Write("units.csv", TempExport.Units).Write("sessions.csv", "unit_id,session_id,date,topic\nU1,S1,2024-03-05,\"未闭合\n" + rest);

        var e = _x.Read();

        e.Diagnostics.Should().Contain(d => d.Severity == Severity.RowError && d.File == "sessions.csv" && d.Line == 2 && d.UnitId == "U1");
        e.InvalidUnits.Select(u => u.UnitId).Should().Equal("U1");
    }

    [Fact]
    public void TooManyRows_IsFileError()
    {
        _x.Write("units.csv", "unit_id,unit_name,year\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"U{i},单位,2024\n")));

        var e = _x.Read(new ReadOptions { Limits = ReadLimits.Default with { MaxRowsPerFile = 20 } });

        e.Diagnostics.Should().ContainSingle(d => d.Severity == Severity.FileError && d.Code == "too-many-rows");
    }

    [Fact]
    public void FileOverTheSizeLimit_IsFileError()
    {
        _x.Write("units.csv", TempExport.Units);

        var e = _x.Read(new ReadOptions { Limits = ReadLimits.Default with { MaxFileBytes = 10 } });

        e.Diagnostics.Should().ContainSingle(d => d.Code == "file-too-large" && d.File == "units.csv");
    }

    [Fact]
    public void WaiverNamingAnUnknownUnit_IsRowError()
    {
        _x.Write("units.csv", TempExport.Units).Write("waivers.csv", "unit_id,item_id,justification,approved_by\nU7,XS-06,理由,宣传部\n");

        var r = CliRunner.Run("validate", _x.Folder, "--lang", "en");

        r.Exit.Should().Be(1);
        r.Out.Should().Contain("waivers.csv:2 [unit_id] U7: unit 'U7' is not in units.csv");
    }
}

public sealed class CancellationTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private static CliRunner.Result RunCancelled(CancellationToken token, params string[] args)
    {
        using var o = new StringWriter();
        using var e = new StringWriter();
        var exit = Assessment.Cli.Cli.Run(args, new Assessment.Cli.Terminal(o, e, false, false, Cancellation: token));
        return new CliRunner.Result(exit, o.ToString(), e.ToString());
    }

    [Fact]
    public void Cancelled_ExitsWith130_AndLeavesThePreviousOutputUntouched()
    {
        new ExportGenerator(3).Write(_x.Folder, 200, "C", new DateOnly(2025, 1, 15));
        var target = Path.Combine(_x.Folder, "out.json");
        File.WriteAllText(target, "previous result");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var r = RunCancelled(cancel.Token, "score", _x.Folder, "--format", "json", "-o", target);

        r.Exit.Should().Be(130);
        r.Error.Trim().Should().Be("assess: 已取消，未写入输出 / cancelled; no output was written");
        File.ReadAllText(target).Should().Be("previous result");
        Directory.GetFiles(_x.Folder, "*.tmp*").Should().BeEmpty();
    }

    [Fact]
    public void CancelledWhileWritingToStdoutAsAFile_TakesTheOutputBack()
    {
        // `score --format json > scores.json` writes as the units are scored; the first bytes written cancel the run.
        new ExportGenerator(4).Write(_x.Folder, 600, "D", new DateOnly(2025, 1, 15));
        using var cancel = new CancellationTokenSource();
        using var file = new FileStream(Path.Combine(_x.Folder, "stdout.json"), FileMode.CreateNew, FileAccess.ReadWrite);
        var rewind = new FileRewind(file);
        var watched = new Assessment.Cli.WatchedStream(new CancelOnWrite(file, cancel));
        using var o = new StreamWriter(watched, new UTF8Encoding(false)) { AutoFlush = true };
        using var e = new StringWriter();
        rewind.Writer = o;

        var exit = Assessment.Cli.Cli.Run(["score", _x.Folder, "--format", "json"], new Assessment.Cli.Terminal(o, e, false, false, rewind, watched, Cancellation: cancel.Token));

        exit.Should().Be(130);
        e.ToString().Trim().Should().Be("assess: 已取消，未写入输出 / cancelled; no output was written");
        rewind.Count.Should().Be(1);
        file.Length.Should().Be(0, "what was written before the cancellation is taken back");
    }

    [Fact]
    public void CancelledWhileWritingToStdoutThatFailsToBeTakenBack_DoesNotClaimNothingWasWritten()
    {
        new ExportGenerator(4).Write(_x.Folder, 600, "D", new DateOnly(2025, 1, 15));
        using var cancel = new CancellationTokenSource();
        using var file = new FileStream(Path.Combine(_x.Folder, "stdout.json"), FileMode.CreateNew, FileAccess.ReadWrite);
        var rewind = new FileRewind(file) { Fails = true };
        using var o = new StreamWriter(new CancelOnWrite(file, cancel), new UTF8Encoding(false)) { AutoFlush = true };
        using var e = new StringWriter();

        var exit = Assessment.Cli.Cli.Run(["score", _x.Folder, "--format", "json"], new Assessment.Cli.Terminal(o, e, false, false, rewind, Cancellation: cancel.Token));

        exit.Should().Be(130);
        e.ToString().Trim().Should().Be("assess: 已取消 / cancelled; standard output could not be taken back: Input/output error");
        file.Length.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public void CancelledAfterWritingToATerminal_SaysTheOutputIsIncomplete(string format)
    {
        // A terminal cannot be taken back (no rewind): the JSON or CSV, spooled while the units are scored, is copied to
        // it at the end, and its first bytes cancel the run, which stops the copy. The bytes already went out, so "no
        // output was written" would be false. 600 units make more than one 64 KiB block of CSV.
        new ExportGenerator(4).Write(_x.Folder, 600, "D", new DateOnly(2025, 1, 15));
        using var cancel = new CancellationTokenSource();
        using var file = new FileStream(Path.Combine(_x.Folder, "terminal.out"), FileMode.CreateNew, FileAccess.ReadWrite);
        var watched = new Assessment.Cli.WatchedStream(new CancelOnWrite(file, cancel));
        using var o = new StreamWriter(watched, new UTF8Encoding(false)) { AutoFlush = true };
        using var e = new StringWriter();

        var exit = Assessment.Cli.Cli.Run(["score", _x.Folder, "--format", format], new Assessment.Cli.Terminal(o, e, true, false, null, watched, Cancellation: cancel.Token));

        exit.Should().Be(130);
        file.Length.Should().Be(1 << 16, "the copy stops after the block that cancelled the run");
        e.ToString().Trim().Should().Be("assess: 已取消，已写到标准输出的内容不完整 / cancelled; what was already written to standard output is incomplete");
    }

    [Fact]
    public void CancelledBeforeWritingToAPipe_SaysNoOutputWasWritten()
    {
        new ExportGenerator(4).Write(_x.Folder, 60, "D", new DateOnly(2025, 1, 15));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        using var file = new FileStream(Path.Combine(_x.Folder, "pipe.out"), FileMode.CreateNew, FileAccess.ReadWrite);
        var watched = new Assessment.Cli.WatchedStream(file);
        using var o = new StreamWriter(watched, new UTF8Encoding(false)) { AutoFlush = true };
        using var e = new StringWriter();

        var exit = Assessment.Cli.Cli.Run(["score", _x.Folder, "--format", "json"], new Assessment.Cli.Terminal(o, e, false, false, null, watched, Cancellation: cancel.Token));

        exit.Should().Be(130);
        file.Length.Should().Be(0);
        e.ToString().Trim().Should().Be("assess: 已取消，未写入输出 / cancelled; no output was written");
    }

    [Theory]
    [InlineData("html")]
    [InlineData("markdown")]
    public void AReport_CancelledOrNot_LeavesNoTemporaryFile(string format)
    {
        // The units' sections are spooled to a file beside the output while the units are scored (Spool).
        new ExportGenerator(4).Write(_x.Folder, 600, "D", new DateOnly(2025, 1, 15));
        var target = Path.Combine(_x.Folder, "report." + format);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var r = RunCancelled(cancel.Token, "score", _x.Folder, "--format", format, "-o", target);

        r.Exit.Should().BeOneOf(0, 130);
        File.Exists(target).Should().Be(r.Exit == 0);
        Directory.GetFiles(_x.Folder, "*.tmp*").Concat(Directory.GetFiles(_x.Folder, ".*")).Should().BeEmpty();
    }

    [Fact]
    public void CancelledWhileScoring_StopsPromptly()
    {
        new ExportGenerator(4).Write(_x.Folder, 600, "D", new DateOnly(2025, 1, 15));
        var target = Path.Combine(_x.Folder, "out.json");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var r = RunCancelled(cancel.Token, "score", _x.Folder, "--format", "json", "-o", target);

        // Either it finished before the token fired, or it stopped with 130 and wrote nothing.
        if (r.Exit == 130)
        {
            File.Exists(target).Should().BeFalse();
            Directory.GetFiles(_x.Folder, "*.tmp*").Should().BeEmpty();
        }
        else
        {
            r.Exit.Should().Be(0);
        }

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "cancellation must not hang");
    }
}

/// <summary>A file stream that cancels a run once something is written to it.</summary>
internal sealed class CancelOnWrite(Stream file, CancellationTokenSource cancel) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => file.Length;

    public override long Position { get => file.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        file.Write(buffer, offset, count);
        cancel.Cancel();
    }

    public override void Flush() => file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
