using Assessment.Tests.TestAssets;
using Newtonsoft.Json.Linq;

namespace Assessment.Tests.Cli;

public sealed class ScoreCommandTests
{
    private const string AsOf = "2025-01-15";

    [Fact]
    public void Score_NoPath_ScoresTheShippedSample()
    {
        var r = CliRunner.Run("score", "--as-of", AsOf);

        r.Exit.Should().Be(0);
        r.Error.Should().BeEmpty();
        r.Out.Should().Contain("中共青山县委员会 (U001)").And.Contain("汇总");
    }

    /// <summary>When the output lists every error too (JSON, Markdown, HTML), stderr shows the first 20 row errors and
    /// how many more there are, as it says how many warnings there are: an export with a column wrong in every row has
    /// millions. CSV output lists none, so stderr has every one.</summary>
    [Theory]
    [InlineData("json", true)]
    [InlineData("markdown", true)]
    [InlineData("html", true)]
    [InlineData("csv", false)]
    public void Score_ManyRowErrors_StderrShowsTheFirstTwentyWhenTheOutputListsThemAll(string format, bool capped)
    {
        const int units = Assessment.Cli.Commands.ScoreCommand.RowErrorsOnStderr + 7;
        using var x = new TempExport();
        x.Write("units.csv", "unit_id,unit_name,year\n" + string.Concat(Enumerable.Range(1, units).Select(i => $"U{i},单位{i},20x4\n")));
        var output = Path.Combine(x.Folder, "out." + format);

        var r = CliRunner.Run("score", x.Folder, "--format", format, "-o", output, "--as-of", AsOf);

        r.Exit.Should().Be(1);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errorLines = lines.Where(l => l.StartsWith("错误 units.csv:", StringComparison.Ordinal)).ToArray();
        if (capped)
        {
            errorLines.Should().HaveCount(Assessment.Cli.Commands.ScoreCommand.RowErrorsOnStderr);
            errorLines[^1].Should().StartWith($"错误 units.csv:{Assessment.Cli.Commands.ScoreCommand.RowErrorsOnStderr + 1} [year] U20:");
            lines.Should().Contain("另有错误 7 条，见输出内容");
            File.ReadAllText(output).Should().Contain($"units.csv:{units + 1}", "the output lists every error");
        }
        else
        {
            errorLines.Should().HaveCount(units, "the CSV output lists no errors");
            lines.Should().NotContain(l => l.StartsWith("另有错误", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Score_SampleTable_MatchesGolden() =>
        CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf).Out.ShouldMatchGolden("sample.table.txt");

    [Fact]
    public void Score_SampleOneUnitTable_MatchesGolden() =>
        CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--unit", "U008").Out.ShouldMatchGolden("sample.U008.table.txt");

    [Fact]
    public void Score_AnExportOfOneUnit_TableIsItsFullBreakdown()
    {
        // Read unit by unit, `score` keeps only what a ranking needs of each unit once there are two; with one unit
        // the breakdown, explanations and all, is what --unit gives.
        using var x = new TempExport();
        foreach (var file in Directory.GetFiles(CliRunner.Sample, "*.csv"))
        {
            var lines = File.ReadAllLines(file, System.Text.Encoding.UTF8);
            var unit = Array.IndexOf(lines[0].TrimStart('\uFEFF').Split(','), "unit_id");
            File.WriteAllLines(Path.Combine(x.Folder, Path.GetFileName(file)),
                [lines[0], .. lines.Skip(1).Where(l => unit < 0 || l.Split(',')[unit].Trim('"') is "U008" or "*")], new System.Text.UTF8Encoding(true));
        }

        CliRunner.Run("score", x.Folder, "--as-of", AsOf).Out.ShouldMatchGolden("sample.U008.table.txt");
    }

    [Theory]
    [InlineData("json")]
    [InlineData("html")]
    public void Score_OutputInAFolderThatDoesNotExist_IsAUsageError_BeforeAnythingIsScored(string format)
    {
        var folder = Path.Combine(Path.GetTempPath(), "assess-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "out." + format);

        var r = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", format, "-o", file);

        r.Exit.Should().Be(2);
        r.Error.Trim().Should().Be($"assess: -o {file}: 文件夹不存在 / no such folder: {folder}", "nothing was scored, so nothing else was said");
        Directory.Exists(folder).Should().BeFalse();
    }

    [Fact]
    public void Score_SampleOneUnitTableInEnglish_MatchesGolden() =>
        CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--unit", "U004", "--lang", "en").Out.ShouldMatchGolden("sample.U004.table.en.txt");

    [Fact]
    public void Score_SampleJson_MatchesGoldenAndIsByteIdenticalAcrossRuns()
    {
        var first = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json");
        var second = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json", "--parallel", "1");

        first.Exit.Should().Be(0);
        second.Out.Should().Be(first.Out);
        first.Out.ShouldMatchGolden("sample.json");
    }

    [Fact]
    public void Score_Json_HasTheNormativeShape()
    {
        var json = JObject.Parse(CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json").Out);

        json.Properties().Select(p => p.Name).Should().Equal("tool", "version", "asOf", "units", "invalidUnits", "errors", "warnings");
        json["asOf"]!.Value<string>().Should().Be(AsOf);
        var units = (JArray)json["units"]!;
        units.Select(u => u["unitId"]!.Value<string>()).Should().Equal("U001", "U002", "U003", "U004", "U005", "U006", "U007", "U008");
        foreach (var u in units)
        {
            ((JObject)u).Properties().Select(p => p.Name).Should().Equal("unitId", "unitName", "year", "profile", "total", "totalWithoutWaivers",
                "base", "bonus", "grade", "gradeLabel", "vetoes", "categories", "items", "bonusItems", "waivers");
            u["items"]!.Should().HaveCount(35);
            u["total"]!.Value<decimal>().Should().Be(u["base"]!.Value<decimal>() + u["bonus"]!.Value<decimal>());
            u["base"]!.Value<decimal>().Should().Be(u["items"]!.Sum(i => i["score"]!.Value<decimal>()));
            foreach (var number in u.SelectTokens("$..score").Concat(u.SelectTokens("$..total")))
            {
                decimal.Round(number.Value<decimal>(), 2).Should().Be(number.Value<decimal>());
            }
        }

        var u8 = units.Single(u => u["unitId"]!.Value<string>() == "U008");
        u8["waivers"]!.Single()["itemId"]!.Value<string>().Should().Be("XS-06");
        u8["items"]!.Single(i => i["id"]!.Value<string>() == "XS-06")["status"]!.Value<string>().Should().Be("Waived");
        u8["totalWithoutWaivers"]!.Value<decimal>().Should().BeLessThan(u8["total"]!.Value<decimal>());
    }

    [Fact]
    public void Score_RowErrors_ScoresTheOthersAndExitsOne()
    {
        using var x = new TempExport();
        x.Write("units.csv", TempExport.Units).Write("sessions.csv", "unit_id,session_id,date\nU1,S1,2024-02-30\nU2,S1,2024-03-01\n");

        var r = CliRunner.Run("score", x.Folder, "--format", "json", "--as-of", AsOf);

        r.Exit.Should().Be(1);
        var json = JObject.Parse(r.Out);
        json["units"]!.Select(u => u["unitId"]!.Value<string>()).Should().Equal("U2");
        json["invalidUnits"]!.Single()["unitId"]!.Value<string>().Should().Be("U1");
        json["invalidUnits"]![0]!["errors"]![0]!.Value<string>().Should().StartWith("sessions.csv:2 [date] U1:");
        var error = json["errors"]!.Single();
        (error["file"]!.Value<string>(), error["line"]!.Value<int>(), error["column"]!.Value<string>(), error["unitId"]!.Value<string>())
            .Should().Be(("sessions.csv", 2, "date", "U1"));
    }

    [Fact]
    public void Score_FileError_ExitsTwoWithTheErrorAndNoStackTrace()
    {
        using var x = new TempExport();
        x.Write("units.csv", "unit_id,year\nU1,2024\n");

        var r = CliRunner.Run("score", x.Folder);

        r.Exit.Should().Be(2);
        r.Out.Should().Contain("units.csv").And.Contain("unit_name");
        (r.Out + r.Error).Should().NotContain("   at ");
    }

    [Fact]
    public void InternalError_ExitsSeventyWithOneLineAndNoStackTrace()
    {
        // A failure that is nobody's input: here the output itself breaks with an exception the tool does not expect.
        using var error = new StringWriter();
        var rewind = new CountingRewind();

        var exit = Assessment.Cli.Cli.Run(["score", CliRunner.Sample, "--as-of", AsOf], new Assessment.Cli.Terminal(new BrokenWriter(), error, false, false, rewind));

        exit.Should().Be(70);
        error.ToString().Should().Contain("internal error (InvalidOperationException): the writer broke")
            .And.Contain("please report").And.NotContain("   at ");
        rewind.Count.Should().Be(1, "stdout that is a file is cut back when a run fails, as when it is cancelled");
    }

    private sealed class CountingRewind : Assessment.Cli.RewindableOutput
    {
        public int Count { get; private set; }

        public override void Rewind() => Count++;
    }

    [Fact]
    public void InternalError_OnAScoringThread_NamesTheFailureNotItsWrapper()
    {
        var thrown = new InvalidOperationException("the renderer broke");
        var export = new Assessment.Core.Model.Export("mem", [new UnitBuilder(2024, "U1").Build()], [], [], new Dictionary<string, int>());

        // What the command line gets when the per-unit projection (JSON rendering) throws on a scoring thread.
        var caught = FluentActions.Invoking(() => Assessment.Rules.Engine.Assessor.Create()
                .ScoreAllThen<int>(export, new DateOnly(2025, 1, 15), _ => throw thrown).ToList())
            .Should().Throw<AggregateException>().Which;

        Assessment.Cli.Cli.Unwrapped(caught).Should().BeSameAs(thrown);
        Assessment.Cli.Cli.Unwrapped(new AggregateException(thrown, new InvalidOperationException("another"))).Should().BeOfType<AggregateException>();
        Assessment.Cli.Cli.Unwrapped(thrown).Should().BeSameAs(thrown);
    }

    private sealed class BrokenWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new InvalidOperationException("the writer broke");

        public override void Write(string? value) => throw new InvalidOperationException("the writer broke");
    }

    [Theory]
    [InlineData("--as-of", "2025-13-01")]
    [InlineData("--rubric", "nonexistent.json")]
    [InlineData("--unit", "U999")]
    [InlineData("--format", "pdf")]
    [InlineData("--lang", "fr")]
    [InlineData("--encoding", "klingon")]
    [InlineData("--encoding", "utf-7")]
    [InlineData("--parallel", "-1")]
    [InlineData("--parallel", "513")]
    [InlineData("--parallel", "x")]
    [InlineData("--parallel", "1.5")]
    [InlineData("--compare-to", "")]
    [InlineData("-o", "")]
    [InlineData("--rubric", "")]
    public void Score_BadOption_IsUsageErrorExitTwo(string option, string value)
    {
        var r = CliRunner.Run("score", CliRunner.Sample, option, value);

        r.Exit.Should().Be(2);
        r.Error.Should().StartWith("assess:");
        r.Out.Should().BeEmpty();
    }

    [Fact]
    public void AUsageErrorQuotingTheInput_ShowsItsControlCharacters()
    {
        var r = CliRunner.Run("score", CliRunner.Sample, "--unit", "\u001b[2J");

        r.Exit.Should().Be(2);
        r.Error.Should().Be("assess: --unit: 导出数据中没有单位 / no such unit in the export: ␛[2J" + Environment.NewLine);
    }

    [Fact]
    public void OutputDash_IsStandardOutput()
    {
        var dash = Path.Combine(Environment.CurrentDirectory, "-");
        File.Exists(dash).Should().BeFalse("the test must not mistake an old file for one it made");

        var r = CliRunner.Run("score", CliRunner.Sample, "--as-of", "2025-01-15", "--format", "json", "-o", "-");

        r.Exit.Should().Be(0);
        r.Out.Should().Be(CliRunner.Run("score", CliRunner.Sample, "--as-of", "2025-01-15", "--format", "json").Out);
        File.Exists(dash).Should().BeFalse();
    }

    [Theory]
    [InlineData("score")]
    [InlineData("validate")]
    public void AnOptionTheCommandLacks_IsNamedAsSuch(string command)
    {
        var r = CliRunner.Run(command, "--bogus");

        r.Exit.Should().Be(2);
        r.Error.Should().StartWith("assess: --bogus: 不是该命令的选项，也不是文件或文件夹 / not an option of this command, nor a file or folder");
    }

    [Fact]
    public void ParseErrors_AreInBothLanguages_OnOneLine()
    {
        var r = CliRunner.Run("score", "--format", "xml");

        r.Exit.Should().Be(2);
        r.Error.Should().StartWith("assess: 未识别参数").And.Contain(" / Argument 'xml' not recognized. Must be one of: 'table' 'json'");
        r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2, "the message on one line, then the pointer to --help");
        r.Error.Should().NotContain("“'").And.NotContain("'”", "a value inside Chinese quotes is not quoted again");
        CliRunner.Run().Error.Should().StartWith("assess: 未提供必需的命令。 / Required command was not provided.", "a sentence ends once");
        CliRunner.Run("scor").Error.Should().Contain("\nassess: 未识别命令或参数“scor”。 / Unrecognized command or argument 'scor'.\n".ReplaceLineEndings());
        CliRunner.Run("score", "--parallel", "x").Error.Should().StartWith("assess: --parallel: 1–512，或 0 表示全部核心 / 1 to 512, or 0 for all cores\n".ReplaceLineEndings(), "our own messages are bilingual already: given once");
    }

    [Theory]
    [InlineData("score", "")]
    [InlineData("template", "")]
    [InlineData("convert", "SAMPLE", "")]
    [InlineData("score", "SAMPLE", "--compare-to", "")]
    public void AnEmptyArgument_IsNamedAsSuch(params string[] args)
    {
        var r = CliRunner.Run([.. args.Select(a => a == "SAMPLE" ? CliRunner.Sample : a)]);

        r.Exit.Should().Be(2);
        var i = Array.IndexOf(args, "");
        r.Error.Should().StartWith(args[i - 1].StartsWith('-')
            ? $"assess: {args[i - 1]}: 值为空 / the value is empty"
            : $"assess: 第 {i + 1} 个参数为空 / argument {i + 1} is empty");
    }

    [Fact]
    public void Score_ABrokenRubricFile_SaysSoInBothLanguages()
    {
        var rubric = Path.Combine(Path.GetTempPath(), $"assess-bad-rubric-{Guid.NewGuid():N}.json");
        File.WriteAllText(rubric, "{ \"categories\": ");
        try
        {
            var r = CliRunner.Run("score", CliRunner.Sample, "--rubric", rubric);

            r.Exit.Should().Be(2);
            r.Error.Should().StartWith($"assess: --rubric: 测评方案无法使用 / the rubric cannot be used: {Path.GetFileName(rubric)}: not valid JSON");
        }
        finally
        {
            File.Delete(rubric);
        }
    }

    [Theory]
    [InlineData("zh", "没有可评分的单位：导出数据未列出任何单位")]
    [InlineData("en", "No units to score: the export lists none")]
    public void Score_AnExportWithNoUnits_SaysSoInTheTable(string lang, string line)
    {
        // A table of nothing used to print nothing at all.
        using var x = new TempExport();
        x.Write("units.csv", "unit_id,unit_name,year\n");

        var r = CliRunner.Run("score", x.Folder, "--lang", lang);

        r.Exit.Should().Be(0);
        r.Out.Should().Be(line + Environment.NewLine);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("512")]
    public void Score_ParallelInRange_ScoresAsAlways(string threads)
    {
        // 0 is the default: all cores. The scores do not depend on the number of threads.
        var r = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json", "--parallel", threads);

        r.Exit.Should().Be(0);
        r.Out.Should().Be(CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json").Out);
    }

    [Fact]
    public void Score_MissingFolder_IsUsageError() =>
        CliRunner.Run("score", "/no/such/folder").Should().Match<CliRunner.Result>(r => r.Exit == 2 && r.Error.Contains("/no/such/folder"));

    [Fact]
    public void Score_RubricOverride_ScoresEveryUnitByIt()
    {
        var json = JObject.Parse(CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json", "--rubric", "grassroots").Out);

        json["units"]!.Select(u => u["profile"]!.Value<string>()).Should().OnlyContain(p => p == "grassroots");
    }

    [Fact]
    public void Score_OutputFile_IsWrittenWholeAndStdoutStaysEmpty()
    {
        using var x = new TempExport();
        var file = Path.Combine(x.Folder, "out.json");
        File.WriteAllText(file, "previous");

        var r = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json", "-o", file);

        r.Exit.Should().Be(0);
        r.Out.Should().BeEmpty();
        JObject.Parse(File.ReadAllText(file))["units"]!.Should().HaveCount(8);
        Directory.GetFiles(x.Folder).Should().ContainSingle("no temporary file is left behind");
    }

    [Fact]
    public void Score_OutputFile_AStaleTemporaryFileOfTheSameProcessIdIsReplaced()
    {
        // The temporary file is created new (never an emptied one); one left by a killed process that had this
        // process's id must not stop the run.
        using var x = new TempExport();
        var file = Path.Combine(x.Folder, "out.json");
        File.WriteAllText(Path.Combine(x.Folder, $".out.json.{Environment.ProcessId}.tmp"), "stale");

        var r = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json", "-o", file);

        r.Exit.Should().Be(0, r.Error);
        JObject.Parse(File.ReadAllText(file))["units"]!.Should().HaveCount(8);
        Directory.GetFiles(x.Folder).Should().ContainSingle();
    }
}

public sealed class ValidateCommandTests
{
    [Fact]
    public void Validate_Sample_HasNoErrors()
    {
        var r = CliRunner.Run("validate", CliRunner.Sample, "--as-of", "2025-01-15");

        r.Exit.Should().Be(0);
        r.Out.Should().Contain("读取单位 8 个：可评分 8 个，有错误 0 个").And.Contain("错误 0 条");
    }

    [Fact]
    public void Validate_AFileErrorNamingAUnit_IsListedFirst_UnderTheFiles()
    {
        // An encoding error names the unit of the record its bad bytes are in, but it stops every unit: it is listed
        // with the files, before the units' own problems, not under that unit.
        using var x = new TempExport();
        x.Write("units.csv", TempExport.Units)
         .Write("sessions.csv", "unit_id,session_id,date,备注\nU2,S1,2023-05-01,x\n")
         .WriteBytes("members.csv", [.. "unit_id,member_id,name,role\nU1,M1,王,书记\nU2,M1,"u8, 0xFF, .. "李,书记\n"u8]);

        var r = CliRunner.Run("validate", x.Folder, "--lang", "en");

        r.Exit.Should().Be(2);
        r.Out.Should().Contain("[Files]\n  file error members.csv:3 [name] U2: the file is not valid UTF-8 and cannot be decoded".ReplaceLineEndings());
        r.Out.Should().NotContain("[Unit U2]\n  file error");
    }

    [Fact]
    public void Validate_Problems_GroupedByUnitWithLocations()
    {
        using var x = new TempExport();
        x.Write("units.csv", TempExport.Units)
         .Write("members.csv", "unit_id,member_id,name,role\nU1,M1,王,书记\nU1,M2,李,书记\nU9,M1,赵,成员\n")
         .Write("sessions.csv", "unit_id,session_id,date,备注\nU2,S1,2023-05-01,x\n");

        var r = CliRunner.Run("validate", x.Folder, "--lang", "en");

        r.Exit.Should().Be(1);
        r.Out.Should().Contain("2 unit(s) read: 1 valid, 1 with errors");
        r.Out.Should().Contain("[Files]\n  warning sessions.csv:1 [备注]: unknown column '备注' is not used for scoring".ReplaceLineEndings());
        r.Out.Should().Contain("[Unit U1]\n  error members.csv:3 [role] U1: a second secretary 'M2' (already 'M1')".ReplaceLineEndings());
        r.Out.Should().Contain("[Unit U2]\n  warning sessions.csv:2 [date] U2: session date 2023-05-01 is outside the year 2024; not counted".ReplaceLineEndings());
        r.Out.Should().Contain("[Unit U9]\n  error members.csv:4 [unit_id] U9: unit 'U9' is not in units.csv".ReplaceLineEndings());
    }

    [Fact]
    public void Validate_InvalidUnitAfterValidOnes_IsListedInFileOrder()
    {
        using var x = new TempExport();
        x.Write("units.csv", "unit_id,unit_name,year\nA,甲,2024\nB,乙,2024\nC,丙,20x4\nD,丁,2024\n")
         .Write("sessions.csv", "unit_id,session_id,date\nA,S1,2023-05-01\nB,S1,2023-05-01\nD,S1,2023-05-01\n");

        var groups = CliRunner.Run("validate", x.Folder, "--lang", "en").Out.Split('\n').Where(l => l.StartsWith("[Unit", StringComparison.Ordinal));

        groups.Should().Equal("[Unit A]", "[Unit B]", "[Unit C]", "[Unit D]");
    }

    [Fact]
    public void Validate_Strict_TurnsWarningsIntoErrors()
    {
        using var x = new TempExport();
        x.Write("units.csv", TempExport.Units).Write("sessions.csv", "unit_id,session_id,date\nU2,S1,2023-05-01\n");

        CliRunner.Run("validate", x.Folder).Exit.Should().Be(0);
        CliRunner.Run("validate", x.Folder, "--strict").Exit.Should().Be(1);
    }
}

public sealed class RootCommandTests
{
    [Fact]
    public void Version_PrintsThePackageVersion()
    {
        var r = CliRunner.Run("--version");

        r.Exit.Should().Be(0);
        r.Out.Trim().Should().MatchRegex(@"^\d+\.\d+\.\d+$");
    }

    [Fact]
    public void Help_ListsTheCommands()
    {
        var r = CliRunner.Run("--help");

        r.Exit.Should().Be(0);
        r.Out.Should().Contain("score").And.Contain("validate");
    }

    [Fact]
    public void UnknownCommand_IsUsageError() => CliRunner.Run("frobnicate").Exit.Should().Be(2);
}
