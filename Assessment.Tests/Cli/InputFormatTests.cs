using Assessment.Core.Writing;
using Assessment.Tests.TestAssets;
using Newtonsoft.Json.Linq;

namespace Assessment.Tests.Cli;

public sealed class InputFormatTests : IDisposable
{
    private const string AsOf = "2025-01-15";
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private static JArray Units(string path) =>
        (JArray)JObject.Parse(CliRunner.Run("score", path, "--as-of", AsOf, "--format", "json").Out)["units"]!;

    [Fact]
    public void Sample_InAllThreeForms_ScoresIdentically()
    {
        var csv = Units(CliRunner.Sample);
        var json = Units(Path.Combine(CliRunner.Sample, "sample.json"));
        var xlsx = Units(Path.Combine(CliRunner.Sample, "sample.xlsx"));

        json.ToString().Should().Be(csv.ToString());
        xlsx.ToString().Should().Be(csv.ToString());
    }

    [Fact]
    public void ShippedJsonSample_IsTheCsvSampleConverted()
    {
        var path = Path.Combine(_x.Folder, "sample.json");

        CliRunner.Run("convert", CliRunner.Sample, path).Exit.Should().Be(0);

        File.ReadAllText(path).Should().Be(File.ReadAllText(Path.Combine(CliRunner.Sample, "sample.json")), "samples/sample.json must be regenerated when the CSV sample changes");
    }

    [Fact]
    public void Validate_JsonAndXlsx_ReportTheSameWarningsAsCsv()
    {
        string[] Codes(string path) => CliRunner.Run("validate", path, "--lang", "en").Out.Split('\n').Where(l => l.StartsWith("  warning", StringComparison.Ordinal))
            .Select(l => l[l.LastIndexOf(':')..]).ToArray();

        var csv = Codes(CliRunner.Sample);
        csv.Should().NotBeEmpty();
        Codes(Path.Combine(CliRunner.Sample, "sample.json")).Should().BeEquivalentTo(csv);
        Codes(Path.Combine(CliRunner.Sample, "sample.xlsx")).Should().BeEquivalentTo(csv);
    }

    [Theory]
    [InlineData("export.ods", "(not .ods); 请另存为 .xlsx 工作簿 / save it as an .xlsx workbook")]
    [InlineData("export.xls", "(not .xls); 请另存为 .xlsx 工作簿 / save it as an .xlsx workbook")]
    [InlineData("units.csv", "(not .csv); 请给出它所在的文件夹 / give the folder it is in")]
    [InlineData("export.txt", "(not .txt)")]
    public void AFileOfAnotherForm_IsRefusedWithWhatToDo(string name, string end)
    {
        _x.Write(name, "unit_id,unit_name,year\n");
        var path = Path.Combine(_x.Folder, name);

        var r = CliRunner.Run("validate", path);

        r.Exit.Should().Be(2);
        r.Error.Should().Be($"assess: {path}: 请给出 CSV 文件夹、.json 或 .xlsx 文件 / give a folder of CSV files, a .json or an .xlsx file {end}{Environment.NewLine}");
    }

    [Fact]
    public void Convert_ExportWithErrors_WritesNothing()
    {
        _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号,20x4\n");
        var target = Path.Combine(_x.Folder, "out.json");

        var r = CliRunner.Run("convert", _x.Folder, target);

        r.Exit.Should().Be(1);
        File.Exists(target).Should().BeFalse();
    }

    [Fact]
    public void Convert_ToXlsx_ATableOverASheetsRows_IsRefusedAndWritesNothing()
    {
        // A sheet holds 1,048,576 rows, the header's included: a province's attendance does not fit. Before, the
        // workbook was built anyway, as a tree of gigabytes (20,000 units: killed for want of memory at 15.8 GB).
        var export = Directory.CreateDirectory(Path.Combine(_x.Folder, "export")).FullName;
        File.WriteAllText(Path.Combine(export, "units.csv"), "unit_id,unit_name,year\nU1,一号,2024\n");
        File.WriteAllText(Path.Combine(export, "reviews.csv"), "unit_id,finding,note\n" + string.Concat(Enumerable.Repeat("U1,falsification,x\n", ExportWriters.MaxXlsxRows)));
        var target = Path.Combine(_x.Folder, "out.xlsx");

        var r = CliRunner.Run("convert", export, target);

        r.Exit.Should().Be(2);
        r.Error.Should().Contain("cannot be an XLSX workbook: table reviews has 1,048,576 rows, more than an XLSX sheet holds (1,048,575 after the header); CSV or JSON can hold it");
        Directory.GetFiles(_x.Folder).Should().BeEmpty("neither the workbook nor a temporary file is written");
    }

    [Fact]
    public void Convert_ToXlsx_AControlCharacterInAValue_IsRefusedNamingTheCell()
    {
        // XML cannot hold U+0001: the writer threw an ArgumentException, an internal error (exit 70). A character
        // beyond the BMP (two UTF-16 units) is fine, so the first unit passes and the second is named.
        _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号😀单位,2024\nU2,二号\u0001单位,2024\n");
        var target = Path.Combine(_x.Folder, "out.xlsx");

        var r = CliRunner.Run("convert", _x.Folder, target);

        r.Exit.Should().Be(2);
        r.Error.Should().Contain("cannot be an XLSX workbook: 单位!B3 (unit_name): the character U+0001 cannot be stored in an XLSX cell");
        File.Exists(target).Should().BeFalse();
        CliRunner.Run("convert", _x.Folder, Path.Combine(_x.Folder, "out.json")).Exit.Should().Be(0, "JSON escapes it");
    }

    [Fact]
    public void Convert_ExistingTarget_NeedsForce()
    {
        var target = Path.Combine(_x.Folder, "out.xlsx");
        CliRunner.Run("convert", CliRunner.Sample, target).Exit.Should().Be(0);

        CliRunner.Run("convert", CliRunner.Sample, target).Exit.Should().Be(2);
        CliRunner.Run("convert", CliRunner.Sample, target, "--force").Exit.Should().Be(0);
        Directory.GetFiles(_x.Folder).Should().ContainSingle("no temporary file is left behind");
    }

    [Fact]
    public void Convert_IntoANonEmptyCsvFolder_NeedsForce()
    {
        var target = Directory.CreateDirectory(Path.Combine(_x.Folder, "csv")).FullName;
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");

        CliRunner.Run("convert", Path.Combine(CliRunner.Sample, "sample.json"), target).Exit.Should().Be(2);
        File.Exists(Path.Combine(target, "units.csv")).Should().BeFalse();
        CliRunner.Run("convert", Path.Combine(CliRunner.Sample, "sample.json"), target, "--force").Exit.Should().Be(0);
        File.ReadAllText(Path.Combine(target, "notes.txt")).Should().Be("mine");
        Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Should().BeEquivalentTo(
            Assessment.Core.Import.Tables.All.Select(t => t.FileName).Append("notes.txt"), "the temporary folder is gone");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Convert_IntoAFileWithoutExtension_SaysItIsAFileNotAFolder(bool force)
    {
        var target = Path.Combine(_x.Folder, "plain");
        File.WriteAllText(target, "mine");

        var r = force ? CliRunner.Run("convert", CliRunner.Sample, target, "--force") : CliRunner.Run("convert", CliRunner.Sample, target);

        r.Exit.Should().Be(2);
        r.Error.Should().Contain("is a file, not a folder").And.NotContain("--force", "forcing would not help");
        File.ReadAllText(target).Should().Be("mine");
    }

    [Fact]
    public void Convert_ToAJsonNameThatIsAFolder_SaysSo()
    {
        var target = Directory.CreateDirectory(Path.Combine(_x.Folder, "out.json")).FullName;

        var r = CliRunner.Run("convert", CliRunner.Sample, target, "--force");

        r.Exit.Should().Be(2);
        r.Error.Should().Contain($"{target}: 是文件夹，请给出文件名 / is a folder; give a file name");
        Directory.EnumerateFileSystemEntries(target).Should().BeEmpty();
    }

    [Fact]
    public void Convert_IntoAMissingFolder_SaysSo()
    {
        var target = Path.Combine(_x.Folder, "missing", "out.xlsx");

        var r = CliRunner.Run("convert", CliRunner.Sample, target);

        r.Exit.Should().Be(2);
        r.Error.Should().Contain("no such folder");
    }

    [Fact]
    public void Convert_ChecksTheTargetBeforeReadingTheExport()
    {
        _x.Write("units.csv", "unit_id,unit_name,year\nU1,一号,20x4\n");
        var target = Path.Combine(_x.Folder, "taken.json");
        File.WriteAllText(target, "mine");

        var r = CliRunner.Run("convert", _x.Folder, target);

        r.Exit.Should().Be(2, "the usage error comes before the export's errors, which would need the whole read");
        r.Out.Should().BeEmpty();
        File.ReadAllText(target).Should().Be("mine");
    }

    [Fact]
    public void Convert_ManyWarnings_PrintsTheFirstAndSaysHowManyMore()
    {
        var extra = string.Join(',', Enumerable.Range(1, 25).Select(i => $"extra{i}"));
        _x.Write("units.csv", $"unit_id,unit_name,year,{extra}\nU1,一号,2024{new string(',', 25)}\n");

        var r = CliRunner.Run("convert", _x.Folder, Path.Combine(_x.Folder, "out.json"), "--lang", "en");

        r.Exit.Should().Be(0);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(21);
        lines[..20].Should().OnlyContain(l => l.StartsWith("warning units.csv:1 [extra", StringComparison.Ordinal));
        lines[20].Should().Be($"… and 5 more warning(s); assess validate {_x.Folder} lists them all");
    }

    [Fact]
    public void Score_UnknownExtension_IsUsageError()
    {
        var path = Path.Combine(_x.Folder, "export.txt");
        File.WriteAllText(path, "x");

        CliRunner.Run("score", path).Exit.Should().Be(2);
    }
}
