using System.Text;
using Assessment.Cli.Commands;
using Assessment.Cli.Rendering;
using Assessment.Core.Import;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Cli;

/// <summary>The commands read a CSV folder or a JSON file unit by unit (<c>validate</c>, <c>score</c>), and read it
/// again whole when its tables are not in unit order (a JSON file with its directives after its units is read for them
/// first, then unit by unit). Either way the
/// output must be byte for byte what the whole read gives.</summary>
public sealed class StreamedCommandTests : IDisposable
{
    private const string AsOf = "2025-01-15";
    private readonly TempExport _x = new();

    public StreamedCommandTests()
    {
        new ExportGenerator(41, new ExportGenerator.Shape(Plain: true)).Write(_x.Folder, 60, "T-", new DateOnly(2025, 1, 15));

        // A unit with a row error and rows of units.csv does not list, so the outputs have invalid units and errors.
        var attendance = Path.Combine(_x.Folder, "attendance.csv");
        var lines = File.ReadAllLines(attendance, Encoding.UTF8);
        File.WriteAllLines(attendance, [.. lines, $"{lines[^1].Split(',')[0]},NO-SUCH-SESSION,NO-SUCH-MEMBER,出席", "NO-SUCH-UNIT,S1,M1,出席"], new UTF8Encoding(true));
    }

    public void Dispose() => _x.Dispose();

    [Theory]
    [InlineData("json", false)]
    [InlineData("json", true)]
    [InlineData("csv", false)]
    [InlineData("csv", true)]
    public void Score_ToAFile_GivesTheBytesOfTheWholeRead(string format, bool outOfOrder)
    {
        if (outOfOrder)
        {
            _x.MoveFirstUnitToTheEnd("attendance.csv");
        }

        using var elsewhere = new TempExport(); // not in the export's folder, where out.csv would be a file of no table
        var file = Path.Combine(elsewhere.Folder, "out." + format);
        var streamed = CliRunner.Run("score", _x.Folder, "--as-of", AsOf, "--format", format, "-o", file);
        var whole = CliRunner.RunWhole("score", _x.Folder, "--as-of", AsOf, "--format", format);

        streamed.Exit.Should().Be(1, "one unit has a row error").And.Be(whole.Exit);
        streamed.Error.Should().Be(whole.Error);
        Encoding.UTF8.GetString(File.ReadAllBytes(file)).Should().Be(whole.Out); // a CSV starts with a byte order mark
        if (format == "json")
        {
            whole.Out.Should().Contain("\"invalidUnits\"").And.Contain("NO-SUCH-UNIT");
        }
    }

    [Theory]
    [InlineData("json", false)]
    [InlineData("json", true)]
    [InlineData("csv", false)]
    [InlineData("csv", true)]
    public void Score_ToStdoutThatCanBeTakenBack_GivesTheBytesOfTheWholeRead(string format, bool outOfOrder)
    {
        if (outOfOrder)
        {
            _x.MoveFirstUnitToTheEnd("attendance.csv");
        }

        string[] args = ["score", _x.Folder, "--as-of", AsOf, "--format", format];
        var whole = CliRunner.RunWhole(args);

        // stdout a file, as `> scores.json` makes it: the units are written as they are read and scored.
        using var elsewhere = new TempExport();
        var file = Path.Combine(elsewhere.Folder, "stdout." + format);
        var (exit, error, rewind) = RunToStdoutFile(file, args);

        error.Should().Be(whole.Error);
        exit.Should().Be(1).And.Be(whole.Exit);
        Encoding.UTF8.GetString(File.ReadAllBytes(file)).Should().Be(whole.Out);
        rewind.Count.Should().Be(outOfOrder ? 1 : 0,
            "the units were written as they were read, and taken back once a row of the first unit came last");
    }

    [Theory]
    [InlineData("json", false, false)]
    [InlineData("json", true, false)]
    [InlineData("csv", false, false)]
    [InlineData("csv", true, false)]
    [InlineData("json", false, true)]
    [InlineData("json", true, true)]
    [InlineData("csv", false, true)]
    public void Score_ToAPipeOrATerminal_GivesTheBytesOfTheWholeRead(string format, bool outOfOrder, bool terminal)
    {
        // A pipe or a terminal: read unit by unit into a spool file, copied to stdout at the end; out of order, read
        // again whole.
        if (outOfOrder)
        {
            _x.MoveFirstUnitToTheEnd("attendance.csv");
        }

        string[] args = ["score", _x.Folder, "--as-of", AsOf, "--format", format];
        var piped = terminal ? CliRunner.RunToTerminal(args) : CliRunner.Run(args);
        var whole = CliRunner.RunWhole(args);

        piped.Exit.Should().Be(1, "one unit has a row error").And.Be(whole.Exit);
        piped.Error.Should().Be(whole.Error);
        piped.Out.Should().Be(whole.Out);
    }

    [Theory]
    [InlineData("json", false)]
    [InlineData("json", true)]
    [InlineData("csv", false)]
    [InlineData("table", false)]
    [InlineData("markdown", false)]
    [InlineData("html", true)]
    public void Score_SomeUnits_GivesTheBytesOfTheWholeRead(string format, bool outOfOrder)
    {
        // --unit scores the units asked for as they are read: two valid units, the last named twice and once with spaces
        // around it, and the one with a row error.
        if (outOfOrder)
        {
            _x.MoveFirstUnitToTheEnd("attendance.csv");
        }

        var ids = File.ReadAllLines(Path.Combine(_x.Folder, "units.csv"), Encoding.UTF8).Skip(1).Select(l => l.Split(',')[0].Trim('"')).ToArray();
        string[] args = ["score", _x.Folder, "--as-of", AsOf, "--format", format, "--unit", ids[^1], "--unit", ids[3], "--unit", $" {ids[^1]} ", "--unit", ids[^2]];
        var whole = CliRunner.RunWhole(args);
        var streamed = CliRunner.Run(args);
        var file = Path.Combine(_x.Folder, "out." + format);
        var written = CliRunner.Run([.. args, "-o", file]);

        whole.Exit.Should().Be(1, "the last but one unit has a row error");
        streamed.Should().Be(whole);
        written.Exit.Should().Be(whole.Exit);
        written.Error.Should().Be(whole.Error);
        Encoding.UTF8.GetString(File.ReadAllBytes(file)).Should().Be(whole.Out); // a CSV starts with a byte order mark
        whole.Out.Should().Contain(ids[3]).And.Contain(ids[^1]);
        (whole.Out + whole.Error).Should().Contain(ids[^2], "its row error is reported").And.NotContain(ids[2]).And.NotContain(ids[4]);
    }

    [Theory]
    [InlineData("json", "file")]
    [InlineData("csv", "file")]
    [InlineData("json", "pipe")]
    [InlineData("json", "-o")]
    [InlineData("markdown", "pipe")]
    public void Score_AUnitNotInTheExport_WritesNothing(string format, string to)
    {
        // Whether a unit asked for is in the export is known only once it is read, after the others were scored and,
        // for JSON and CSV, written: they are taken back.
        var first = File.ReadAllLines(Path.Combine(_x.Folder, "units.csv"), Encoding.UTF8)[1].Split(',')[0].Trim('"');
        string[] args = ["score", _x.Folder, "--as-of", AsOf, "--format", format, "--unit", first, "--unit", "NO-SUCH-UNIT"];
        var expected = "assess: --unit: 导出数据中没有单位 / no such unit in the export: NO-SUCH-UNIT" + Environment.NewLine;
        CliRunner.RunWhole(args).Should().Be(new CliRunner.Result(2, "", expected));

        if (to == "pipe")
        {
            CliRunner.Run(args).Should().Be(new CliRunner.Result(2, "", expected));
            return;
        }

        if (to == "-o")
        {
            var target = Path.Combine(_x.Folder, "out.json");
            CliRunner.Run([.. args, "-o", target]).Should().Be(new CliRunner.Result(2, "", expected));
            File.Exists(target).Should().BeFalse();
            Directory.GetFiles(_x.Folder, ".*").Should().BeEmpty("no temporary file is left");
            return;
        }

        var path = Path.Combine(_x.Folder, "stdout." + format);
        var (exit, error, rewind) = RunToStdoutFile(path, args);

        error.Should().Be(expected);
        exit.Should().Be(2);
        rewind.Count.Should().Be(1);
        File.ReadAllBytes(path).Should().BeEmpty("the unit written before the error is taken back");
    }

    [Fact]
    public void Score_ToStdoutThatStopsTakingWrites_TakesBackWhatItWrote()
    {
        // `> scores.json` on a disk that fills up part-way: a file error in one line, and the file cut back, as any
        // failed run leaves it, not a partial JSON.
        var path = Path.Combine(_x.Folder, "stdout.json");
        var (exit, error, rewind) = RunToStdoutFile(path, ["score", _x.Folder, "--as-of", AsOf, "--format", "json"], file => new FullAfter(file, 20_000));

        error.Should().Be("assess: No space left on device" + Environment.NewLine);
        exit.Should().Be(2);
        rewind.Count.Should().Be(1);
        new FileInfo(path).Length.Should().Be(0);
    }

    /// <summary>Runs the command in-process with stdout the file <paramref name="path"/>, one that can be taken back, as
    /// `&gt; scores.json` makes it (<paramref name="through"/>: a stream the output goes through on its way there).</summary>
    private static (int Exit, string Error, FileRewind Rewind) RunToStdoutFile(string path, string[] args, Func<FileStream, Stream>? through = null,
        bool rewindFails = false)
    {
        var stdout = new FileStream(path, FileMode.CreateNew);
        var rewind = new FileRewind(stdout) { Fails = rewindFails };
        using var o = new StreamWriter(through?.Invoke(stdout) ?? stdout, new UTF8Encoding(false)) { AutoFlush = true };
        using var e = new StringWriter();
        rewind.Writer = o;
        var exit = Assessment.Cli.Cli.Run(args, new Assessment.Cli.Terminal(o, e, false, false, rewind));
        return (exit, e.ToString(), rewind);
    }

    /// <summary>A file that takes <paramref name="room"/> bytes, then fails every write as a full disk does.</summary>
    private sealed class FullAfter(FileStream file, long room) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (file.Length + count > room)
            {
                throw new IOException("No space left on device");
            }

            file.Write(buffer, offset, count);
        }

        public override void Flush() => file.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    [Fact]
    public void Score_ToStdoutThatFailsToBeTakenBack_SaysSoInOneLine()
    {
        _x.MoveFirstUnitToTheEnd("attendance.csv");

        var (exit, error, rewind) = RunToStdoutFile(Path.Combine(_x.Folder, "stdout.json"), ["score", _x.Folder, "--as-of", AsOf, "--format", "json"],
            rewindFails: true);

        exit.Should().Be(2);
        rewind.Count.Should().Be(2, "taken back before the export is read again, and tried once more as the run fails");
        error.Should().Be("assess: standard output could not be taken back: Input/output error" + Environment.NewLine);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Score_AReport_GivesTheBytesOfTheWholeRead(bool outOfOrder)
    {
        if (outOfOrder)
        {
            _x.MoveFirstUnitToTheEnd("attendance.csv");
        }

        var streamed = CliRunner.Run("score", _x.Folder, "--as-of", AsOf, "--format", "markdown");
        var whole = CliRunner.RunWhole("score", _x.Folder, "--as-of", AsOf, "--format", "markdown");

        streamed.Exit.Should().Be(1).And.Be(whole.Exit);
        streamed.Out.Should().Be(whole.Out);
        streamed.Error.Should().Be(whole.Error);
    }

    /// <summary>The export as a JSON file, as <c>convert</c> writes it, with one unit given a row error; with
    /// <paramref name="directivesAfter"/>, its directives moved after the units, where a first pass must find them.</summary>
    private string Json(TempExport into, bool directivesAfter)
    {
        var path = Path.Combine(into.Folder, "export.json");
        Assessment.Core.Writing.ExportWriters.WriteJson(CsvExport.Read(_x.Folder, new ReadOptions { AsOf = new DateOnly(2025, 1, 15) }), path);
        var tree = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(path));
        var session = (Newtonsoft.Json.Linq.JObject)tree["units"]![5]!["sessions"]![0]!;
        ((Newtonsoft.Json.Linq.JArray)session["attendance"]!).Add(new Newtonsoft.Json.Linq.JObject { ["memberId"] = "NO-SUCH-MEMBER", ["status"] = "出席" });
        if (directivesAfter)
        {
            tree.WithDirectivesLast();
        }

        File.WriteAllText(path, tree.ToString());
        return path;
    }

    [Theory]
    [InlineData("json", false)]
    [InlineData("json", true)]
    [InlineData("csv", false)]
    [InlineData("csv", true)]
    public void Score_AJsonExport_ToAFileOrStdout_GivesTheBytesOfTheWholeRead(string format, bool directivesAfter)
    {
        using var elsewhere = new TempExport();
        var json = Json(elsewhere, directivesAfter);
        string[] args = ["score", json, "--as-of", AsOf, "--format", format];
        var whole = CliRunner.RunWhole(args);
        whole.Exit.Should().Be(1, "one unit has a row error");
        whole.Out.Should().Contain(format == "json" ? "NO-SUCH-MEMBER" : "T-U003");

        var file = Path.Combine(elsewhere.Folder, "out." + format);
        var written = CliRunner.Run([.. args, "-o", file]);
        written.Exit.Should().Be(whole.Exit);
        written.Error.Should().Be(whole.Error);
        Encoding.UTF8.GetString(File.ReadAllBytes(file)).Should().Be(whole.Out);

        var stdout = Path.Combine(elsewhere.Folder, "stdout." + format);
        var (exit, error, rewind) = RunToStdoutFile(stdout, args);
        (exit, error).Should().Be((whole.Exit, whole.Error));
        Encoding.UTF8.GetString(File.ReadAllBytes(stdout)).Should().Be(whole.Out);
        rewind.Count.Should().Be(0, "the units were written as they were read; directives after them are read first");

        CliRunner.Run(args).Should().Be(whole, "a pipe is written from a spool file");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Score_AJsonExportInGb18030_ToAFile_GivesWhatItsUtf8TwinGivesReadWhole(bool directivesAfter, bool askedFor)
    {
        // Read unit by unit in its encoding, detected or asked for with --encoding.
        using var elsewhere = new TempExport();
        var json = Json(elsewhere, directivesAfter);
        string[] args = ["score", json, "--as-of", AsOf, "--format", "json"];
        var twin = CliRunner.RunWhole(args);
        twin.Exit.Should().Be(1, "one unit has a row error");
        File.WriteAllText(json, File.ReadAllText(json), TempExport.Gb18030);
        var file = Path.Combine(elsewhere.Folder, "out.json");

        var written = CliRunner.Run([.. args, "-o", file, .. askedFor ? new[] { "--encoding", "gb18030" } : []]);

        (written.Exit, written.Error).Should().Be((twin.Exit, twin.Error));
        Encoding.UTF8.GetString(File.ReadAllBytes(file)).Should().Be(twin.Out);
    }

    [Theory]
    [InlineData("table", false)]
    [InlineData("markdown", false)]
    [InlineData("html", true)]
    public void Score_AJsonExport_AsAReport_GivesTheBytesOfTheWholeRead(string format, bool directivesAfter)
    {
        using var elsewhere = new TempExport();
        string[] args = ["score", Json(elsewhere, directivesAfter), "--as-of", AsOf, "--format", format];
        var whole = CliRunner.RunWhole(args);
        whole.Exit.Should().Be(1, "one unit has a row error");
        CliRunner.Run(args).Should().Be(whole);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Score_SomeUnitsOfAJsonExport_GivesTheBytesOfTheWholeRead(string format)
    {
        using var elsewhere = new TempExport();
        string[] args = ["score", Json(elsewhere, false), "--as-of", AsOf, "--format", format, "--unit", "T-U003", "--unit", "T-U005", "--unit", "T-U040"];
        var whole = CliRunner.RunWhole(args);
        whole.Exit.Should().Be(1, "T-U005 has a row error");
        CliRunner.Run(args).Should().Be(whole);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Validate_AJsonExport_GivesWhatTheWholeReadGives(bool directivesAfter)
    {
        using var elsewhere = new TempExport();
        var json = Json(elsewhere, directivesAfter);

        var r = CliRunner.Run("validate", json, "--as-of", AsOf, "--lang", "en");

        var whole = JsonExport.Read(json, Assessment.Rules.Engine.Assessor.Create().ReadOptions(new DateOnly(2025, 1, 15)));
        using var expected = new StringWriter();
        ValidateCommand.Write(expected, whole, new Text("en"));
        r.Out.Should().Be(expected.ToString());
        r.Exit.Should().Be(whole.ExitCode).And.Be(1);
    }

    [Theory]
    [InlineData(false, "zh")]
    [InlineData(true, "zh")]
    [InlineData(false, "en")]
    public void Validate_GivesWhatTheWholeReadGives(bool outOfOrder, string lang)
    {
        if (outOfOrder)
        {
            _x.MoveFirstUnitToTheEnd("attendance.csv");
        }

        var r = CliRunner.Run("validate", _x.Folder, "--as-of", AsOf, "--lang", lang);

        var whole = CsvExport.Read(_x.Folder, Assessment.Rules.Engine.Assessor.Create().ReadOptions(new DateOnly(2025, 1, 15)));
        using var expected = new StringWriter();
        ValidateCommand.Write(expected, whole, new Text(lang));
        r.Out.Should().Be(expected.ToString());
        r.Exit.Should().Be(whole.ExitCode).And.Be(1);
        r.Out.Should().Contain(lang == "en" ? "60 unit(s) read: 59 valid, 1 with errors" : "60");
    }
}

/// <summary><c>score</c>'s reading thread (<see cref="UnitFeed"/>): it must let go when the scoring stops early, and
/// say at the end of the units when the export could not be streamed.</summary>
public sealed class UnitFeedTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);
    private readonly TempExport _x = new();

    public UnitFeedTests() =>
        new ExportGenerator(42, new ExportGenerator.Shape(Plain: true)).Write(_x.Folder, 200, "F-", AsOf);

    public void Dispose() => _x.Dispose();

    [Fact]
    public async Task AConsumerThatStopsEarly_LetsTheReadingThreadGo()
    {
        // One unit per hand-over and one ahead: the reading thread soon waits for room that never comes.
        var feed = new UnitFeed(_x.Folder, new ReadOptions { AsOf = AsOf }, batch: 1, ahead: 1);
        feed.Units.Take(3).Should().HaveCount(3);
        await Task.Delay(50);

        var dispose = Task.Run(feed.Dispose);

        (await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(dispose);
        feed.Read.IsCompleted.Should().BeTrue();
        feed.Read.IsCompletedSuccessfully.Should().BeFalse("it was stopped, not finished");
    }

    [Fact]
    public void AnExportNotInUnitOrder_EndsTheUnitsWithTheReason()
    {
        _x.MoveFirstUnitToTheEnd("attendance.csv");
        using var feed = new UnitFeed(_x.Folder, new ReadOptions { AsOf = AsOf }, batch: 4, ahead: 2);
        var seen = 0;

        var act = () =>
        {
            foreach (var _ in feed.Units)
            {
                seen++;
            }
        };

        act.Should().Throw<ExportNotStreamableException>();
        seen.Should().BeGreaterThan(0, "the units before the row out of order were handed on");
        feed.Listed.Should().Be(200);
    }
}

/// <summary><c>convert</c> of a CSV folder or a JSON file to either reads and writes unit by unit: the files written, what
/// it says and its exit code must be those of the whole read, and an export with errors must leave nothing written.</summary>
public sealed class StreamedConvertTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    /// <summary>Converts <paramref name="from"/> to <paramref name="name"/> in two folders of its own, unit by unit and
    /// read whole, and checks the two give the same; the streamed run's target.</summary>
    private string BothWays(string from, string name, int exit, params string[] options)
    {
        var streamed = Directory.CreateDirectory(Path.Combine(_x.Folder, "streamed")).FullName;
        var whole = Directory.CreateDirectory(Path.Combine(_x.Folder, "whole")).FullName;
        var s = CliRunner.Run(["convert", from, Path.Combine(streamed, name), .. options]);
        var w = CliRunner.RunWhole(["convert", from, Path.Combine(whole, name), .. options]);

        s.Exit.Should().Be(exit, s.Error).And.Be(w.Exit);
        s.Out.Replace(streamed, whole, StringComparison.Ordinal).Should().Be(w.Out);
        s.Error.Should().Be(w.Error);
        Files(streamed).Should().Equal(Files(whole), "the same files, byte for byte, and nothing else (no spool, no temporary file)");
        return Path.Combine(streamed, name);
    }

    /// <summary>Every file under <paramref name="folder"/>, by relative path, with its bytes as Base64.</summary>
    private static IEnumerable<string> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(folder, f)} {Convert.ToBase64String(File.ReadAllBytes(f))}");

    private string SampleJson(bool directivesLast)
    {
        var tree = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(CliRunner.Sample, "sample.json")));
        if (directivesLast)
        {
            tree.WithDirectivesLast();
        }

        var path = Path.Combine(_x.Folder, "in.json");
        File.WriteAllText(path, tree.ToString());
        return path;
    }

    [Theory]
    [InlineData("csv", "out.json")]
    [InlineData("csv", "out")]
    [InlineData("json", "out")]
    [InlineData("json", "out.json")]
    [InlineData("json last", "out")]
    public void Convert_TheSample_GivesWhatTheWholeReadGives(string from, string to)
    {
        var source = from == "csv" ? CliRunner.Sample : SampleJson(from == "json last");
        var target = BothWays(source, to, 0);
        if (to == "out.json")
        {
            File.ReadAllText(target).Should().Be(File.ReadAllText(Path.Combine(CliRunner.Sample, "sample.json")), "the sample's JSON form is what convert writes");
        }
    }

    [Theory]
    [InlineData("out.json")]
    [InlineData("out")]
    public void Convert_AGeneratedExport_GivesWhatTheWholeReadGives(string to)
    {
        var csv = Directory.CreateDirectory(Path.Combine(_x.Folder, "csv")).FullName;
        new ExportGenerator(43, new ExportGenerator.Shape(Plain: true)).Write(csv, 120, "V-", new DateOnly(2025, 1, 15));
        File.Delete(Path.Combine(csv, "waivers.csv")); // a waiver of an item that cannot be waived is an error, and nothing would be converted

        BothWays(csv, to, 0);
    }

    [Theory]
    [InlineData("csv", "out.json", true)]
    [InlineData("json", "out", true)]
    [InlineData("json last", "out", true)]
    [InlineData("json twice", "out", false)]
    public void Convert_ReadsUnitByUnit_UnlessItCannot(string from, string to, bool unitByUnit)
    {
        var source = from == "csv" ? CliRunner.Sample : SampleJson(from == "json last");
        if (from == "json twice")
        {
            var tree = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(source));
            var units = (Newtonsoft.Json.Linq.JArray)tree["units"]!;
            units.Add(units[2].DeepClone());
            File.WriteAllText(source, tree.ToString());
        }

        var target = Path.Combine(_x.Folder, to);

        var export = ConvertCommand.Streamed(source, target, !to.EndsWith(".json", StringComparison.Ordinal), new ReadOptions { AsOf = new DateOnly(2025, 1, 15) }, out _);

        if (unitByUnit)
        {
            export!.StreamedUnitIds.Should().HaveCount(8);
            (File.Exists(target) || Directory.Exists(target)).Should().BeTrue();
        }
        else
        {
            export.Should().BeNull("a unit is listed twice, found after it was handed on: the command reads it whole");
            (File.Exists(target) || Directory.Exists(target)).Should().BeFalse("what was written is dropped");
            Directory.GetFiles(_x.Folder).Should().ContainSingle("the input alone: no temporary file, no spool");
        }
    }

    [Theory]
    [InlineData("out.json")]
    [InlineData("out")]
    public void Convert_AnExportWithAnErrorInItsLastUnit_WritesNothing(string to)
    {
        var json = SampleJson(false);
        var tree = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(json));
        tree["units"]![7]!["year"] = "20x4";
        File.WriteAllText(json, tree.ToString());

        var target = BothWays(json, to, 1);

        File.Exists(target).Should().BeFalse();
        Directory.Exists(target).Should().BeFalse("a folder the run made is removed");
    }
}
