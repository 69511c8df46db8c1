using System.Text;
using Newtonsoft.Json.Linq;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Reliability;

/// <summary>Characters .NET's Unicode normaliser refuses, in every form of input: the noncharacter U+FFFE (which UTF-8
/// and UTF-16 can carry) and a lone surrogate (which a JSON escape can give). They were an internal error (exit 70:
/// "String contains invalid Unicode code points"), found by the export fuzzer with seed 1718.</summary>
public sealed class InvalidCodePointTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    public void ACsvValueWithUFFFE_IsKeptAsItIs(string encoding)
    {
        _x.Write("units.csv", "unit_id,unit_name,year\nU1,青山\uFFFE县委,2024\n", encoding == "utf-8" ? new UTF8Encoding(false) : new UnicodeEncoding(false, true));

        var r = CliRunner.Run("score", _x.Folder, "--format", "json", "--as-of", "2025-01-15");

        r.Exit.Should().Be(0, r.Error);
        JObject.Parse(r.Out)["units"]![0]!["unitName"]!.Value<string>().Should().Be("青山\uFFFE县委");
    }

    [Theory]
    [InlineData("\\uD800")]
    [InlineData("\\uDC00x")]
    [InlineData("\\uFFFE")]
    public void AJsonValueWithALoneSurrogateOrUFFFE_IsNoInternalError(string escape)
    {
        var path = Path.Combine(_x.Folder, "export.json");
        File.WriteAllText(path, $$"""{"units": [{"unitId": "U1", "unitName": "青山{{escape}}", "year": 2024}]}""");

        var r = CliRunner.Run("score", path, "--format", "json", "--as-of", "2025-01-15");

        r.Exit.Should().Be(0, r.Error);
        r.Error.Should().NotContain("internal error");
    }

    [Fact]
    public void AReportWithUFFFE_IsRead()
    {
        var path = Path.Combine(_x.Folder, "report.txt");
        File.WriteAllText(path, "全年开展集体学习研讨\uFFFE8次。\n全年开展集体学习研讨8次。\n", new UTF8Encoding(false));

        var r = CliRunner.Run("claims", path, "--format", "json");

        r.Exit.Should().Be(0, r.Error);
        JObject.Parse(r.Out)["claims"]!.Should().NotBeEmpty();
    }
}
