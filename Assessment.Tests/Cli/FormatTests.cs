using System.Xml;
using System.Xml.Linq;
using Assessment.Tests.TestAssets;
using Newtonsoft.Json.Linq;

namespace Assessment.Tests.Cli;

/// <summary>Every output format of the sample matches its golden file, and carries the same numbers as the JSON.</summary>
public sealed class FormatTests
{
    private const string AsOf = "2025-01-15";

    private static string Score(params string[] extra) =>
        CliRunner.Run(["score", CliRunner.Sample, "--as-of", AsOf, .. extra]).Out;

    private static JArray JsonUnits() => (JArray)JObject.Parse(Score("--format", "json"))["units"]!;

    [Theory]
    [InlineData("csv", "zh", "sample.csv")]
    [InlineData("csv", "en", "sample.en.csv")]
    [InlineData("markdown", "zh", "sample.md")]
    [InlineData("html", "zh", "sample.html")]
    [InlineData("html", "en", "sample.en.html")]
    public void Format_Sample_MatchesGolden(string format, string lang, string golden) =>
        Score("--format", format, "--lang", lang).ShouldMatchGolden(golden);

    [Fact]
    public void Csv_CarriesTheJsonNumbers_AndOpensInExcel()
    {
        var text = Score("--format", "csv", "--lang", "en");
        text.Should().StartWith("\uFEFF", "Excel needs the BOM to read UTF-8");
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        header[..8].Should().Equal("unit_id", "unit_name", "year", "profile", "total", "base", "bonus", "grade");
        header.Should().HaveCount(8 + 7 + 35);

        var units = JsonUnits();
        lines.Should().HaveCount(1 + units.Count);
        foreach (var (line, unit) in lines.Skip(1).Zip(units))
        {
            var cells = line.Split(',');
            cells[0].Should().Be(unit["unitId"]!.Value<string>());
            decimal.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture).Should().Be(unit["total"]!.Value<decimal>());
            cells[7].Should().Be(unit["grade"]!.Value<string>());
            var items = unit["items"]!.Select(i => i["score"]!.Value<decimal>()).ToArray();
            cells[15..].Select(c => decimal.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).Should().Equal(items);
        }
    }

    [Fact]
    public void Markdown_CarriesTheJsonNumbers()
    {
        var md = Score("--format", "markdown");
        foreach (var unit in JsonUnits())
        {
            var section = md[md.IndexOf($"({unit["unitId"]})\n", StringComparison.Ordinal)..];
            section.Should().Contain($"总分 **{unit["total"]}**");
            foreach (var item in unit["items"]!)
            {
                section.Should().Contain($"| {item["id"]} | {item["title"]} | {item["score"]}/{item["max"]} |");
            }
        }
    }

    [Fact]
    public void Csv_TextThatASpreadsheetWouldTakeForAFormula_OpensAsText()
    {
        using var x = new TempExport();
        x.Write("units.csv", "unit_id,unit_name,year\n@U1,\"=HYPERLINK(\"\"http://x\"\",\"\"点此\"\")\",2024\nU2,-丙,2024\nU3,丁=1,2024\nU4,+戊,2024\n");

        var csv = CliRunner.Run("score", x.Folder, "--as-of", AsOf, "--format", "csv").Out.Split("\r\n");

        csv[1].Should().StartWith("'@U1,\"'=HYPERLINK(\"\"http://x\"\",\"\"点此\"\")\",2024,");
        csv[2].Should().StartWith("U2,'-丙,2024,");
        csv[3].Should().StartWith("U3,丁=1,2024,", "only a first character makes a formula");
        csv[4].Should().StartWith("U4,'+戊,2024,");
    }

    [Fact]
    public void Markdown_ShowsTheExportsTextLiterally()
    {
        // A unit's name is the export's text, not Markdown: emphasis, inline HTML and a table's bar stay as written.
        using var x = new TempExport();
        x.Write("units.csv", "unit_id,unit_name,year\nU1,\"甲|乙 *强调* <b>x</b> a_b _c_\",2024\nU2,丙,2024\n");

        var md = CliRunner.Run("score", x.Folder, "--as-of", AsOf, "--format", "markdown").Out;

        md.Should().Contain(@"| 甲\|乙 \*强调\* \<b\>x\</b\> a_b \_c\_ (U1) |", "in the ranking's table")
            .And.Contain(@"## 甲|乙 \*强调\* \<b\>x\</b\> a_b \_c\_ (U1)", "as the unit's heading")
            .And.NotContain("<b>");
    }

    [Fact]
    public void TextForATerminal_ShowsControlCharactersInsteadOfObeyingThem()
    {
        // An escape sequence in a unit's name (or a value a diagnostic quotes) would recolour or clear an auditor's
        // terminal; a bidirectional override would reorder the line. Human-readable outputs show them; JSON keeps them.
        using var x = new TempExport();
        x.Write("units.csv", "unit_id,unit_name,year,\u001b[2Jextra\nU1,\"\ufffe\u001b[31m红\u001b[0m\u202e反\",2024,1\nU2,丙,\u001b[2K2024,\n");

        var table = CliRunner.Run("score", x.Folder, "--as-of", AsOf);
        var one = CliRunner.Run("score", x.Folder, "--as-of", AsOf, "--unit", "U1");
        var markdown = CliRunner.Run("score", x.Folder, "--as-of", AsOf, "--format", "markdown");
        var html = CliRunner.Run("score", x.Folder, "--as-of", AsOf, "--format", "html");
        var json = CliRunner.Run("score", x.Folder, "--as-of", AsOf, "--format", "json");
        var validate = CliRunner.Run("validate", x.Folder);

        table.Out.Should().Contain("␛[31m红␛[0m\ufffd反 (U1)").And.Contain("␛[2Jextra", "the diagnostic quoting the unknown column");
        one.Out.Should().Contain("␛[31m红␛[0m\ufffd反 (U1)");
        markdown.Out.Should().Contain("␛\\[31m红␛\\[0m\ufffd反");
        html.Out.Should().Contain("␛[31m红␛[0m\ufffd反", "an HTML file may be read with cat, and a browser shows no control character");
        html.Out.Should().NotContain("\ufffe", "a noncharacter is a parse error in HTML");
        validate.Out.Should().Contain("␛[2Jextra").And.Contain("␛[2K2024");
        json.Error.Should().Contain("␛[2K2024", "errors go to stderr too");
        foreach (var text in new[] { table.Out, one.Out, markdown.Out, html.Out, validate.Out, json.Error })
        {
            text.Should().NotContain("\u001b").And.NotContain("\u202e");
        }

        JObject.Parse(json.Out)["units"]![0]!["unitName"]!.Value<string>().Should().Be("\ufffe\u001b[31m红\u001b[0m\u202e反", "JSON is data: kept as it is");
    }

    [Fact]
    public void Html_ParsesAndCarriesTheJsonNumbers()
    {
        var html = Score("--format", "html");
        var doc = Parse(html);
        XNamespace x = "http://www.w3.org/1999/xhtml";

        var units = JsonUnits();
        var ranking = doc.Descendants(x + "table").Single(t => (string?)t.Attribute("id") == "ranking");
        ranking.Descendants(x + "tr").Where(r => r.Attribute("data-unit") != null)
            .ToDictionary(r => (string)r.Attribute("data-unit")!, r => decimal.Parse((string)r.Attribute("data-total")!, System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeEquivalentTo(units.ToDictionary(u => u["unitId"]!.Value<string>()!, u => u["total"]!.Value<decimal>()));
        foreach (var unit in units)
        {
            var section = doc.Descendants(x + "section").Single(s => (string?)s.Attribute("data-unit") == unit["unitId"]!.Value<string>());
            section.Descendants(x + "tr").Where(r => r.Attribute("data-item") != null)
                .Select(r => ((string)r.Attribute("data-item")!, decimal.Parse((string)r.Attribute("data-score")!, System.Globalization.CultureInfo.InvariantCulture), (string)r.Attribute("data-status")!))
                .Should().Equal(unit["items"]!.Select(i => (i["id"]!.Value<string>()!, i["score"]!.Value<decimal>(), i["status"]!.Value<string>()!)));
            section.Descendants().Count(e => e.Name.LocalName == "svg").Should().Be(1, "each unit has its category chart");
        }

        // Works offline: nothing is fetched (namespace URIs are identifiers, not fetched).
        doc.Descendants().Where(e => e.Name.LocalName is "link" or "img" or "iframe" || (e.Name.LocalName == "script" && e.Attribute("src") != null)).Should().BeEmpty();
        doc.Descendants().Attributes().Where(a => a.Name.LocalName is "href" or "src").Should().OnlyContain(a => a.Value.StartsWith('#'));
        html.Should().NotContain("@import").And.NotContain("url(");
        doc.Descendants(x + "table").Single(t => (string?)t.Attribute("id") == "weakest").Descendants(x + "tr").Should().HaveCount(1 + 5);
    }

    /// <summary>A unit's category chart draws its bars after the longest label, at least 6.5 px a character (the width
    /// of an average sans-serif letter at the chart's 13 px), so the long English titles are not drawn over.</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Html_CategoryBars_BeginAfterTheLongestLabel(string lang)
    {
        var doc = Parse(Score("--format", "html", "--lang", lang, "--unit", "U004"));
        XNamespace svg = "http://www.w3.org/2000/svg";

        var chart = doc.Descendants(svg + "svg").Single(e => e.Ancestors().Any(a => a.Name.LocalName == "section" && a.Attribute("data-unit") != null));
        var longest = chart.Elements(svg + "text").Where(t => (string?)t.Attribute("class") == "label").Max(t => t.Value.Length);
        var bars = chart.Elements(svg + "rect").Select(r => int.Parse((string)r.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();

        longest.Should().BeGreaterThan(lang == "en" ? 30 : 5);
        bars.Should().ContainSingle().Which.Should().BeGreaterThanOrEqualTo((int)(6.5 * longest));
        var width = int.Parse((string)chart.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        chart.Elements(svg + "text").Where(t => (string?)t.Attribute("class") == "value")
            .Should().OnlyContain(t => int.Parse((string)t.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture) + 60 <= width, "the score after each bar stays inside the chart");
    }

    /// <summary>The page is written a unit or a thousand problems at a time: with 2,500 warnings every one is listed
    /// once, in order, and the page still parses.</summary>
    [Fact]
    public void Html_ThousandsOfWarnings_EachListedOnceInOrder()
    {
        using var export = new TempExport();
        var sessions = new System.Text.StringBuilder("unit_id,session_id,date\n");
        for (var i = 0; i < 2500; i++)
        {
            sessions.Append($"U1,S{i},2023-06-01\n");
        }

        export.Write("units.csv", TempExport.Units).Write("sessions.csv", sessions.ToString());
        var warnings = export.Read().Diagnostics.Where(d => d.Severity == Assessment.Core.Diagnostics.Severity.Warning)
            .Select(d => d.Format("zh")).ToArray();
        warnings.Should().HaveCountGreaterThanOrEqualTo(2500);

        var doc = Parse(CliRunner.Run("score", export.Folder, "--as-of", AsOf, "--format", "html").Out);
        XNamespace x = "http://www.w3.org/1999/xhtml";
        doc.Descendants(x + "li").Where(li => (string?)li.Attribute("class") == "warning").Select(li => li.Value)
            .Should().Equal(warnings.Select(w => $"警告 {w}"));
        doc.Descendants(x + "section").Count(s => (string?)s.Attribute("class") == "unit").Should().Be(2);
    }

    internal static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    [Fact]
    public void Table_ManyUnits_ShowsGradeCountsAndMostOftenLostItems()
    {
        var table = Score();

        table.Should().Contain("汇总: 优秀 2, 良好 2, 合格 2, 不合格 2");
        table.Should().Contain("失分最多的项目");
    }

    /// <summary>Redirected, a problem line that fits the 160 columns is written as it is, and a wider one is wrapped as
    /// Spectre.Console wraps it: no line of the output is wider than 160 columns (a CJK character takes two).</summary>
    [Fact]
    public void Table_ProblemLines_FitTheWidthOrAreWrapped()
    {
        using var export = new TempExport();
        var longId = string.Concat(Enumerable.Repeat("很长的单位编号", 15));
        export.Write("units.csv", TempExport.Units)
            .Write("sessions.csv", $"unit_id,session_id,date\nU1,S1,2023-06-01\n{longId},S2,2024-03-05\n");

        var lines = CliRunner.Run("score", export.Folder, "--as-of", AsOf).Out.Split('\n');

        lines.Should().Contain("  警告 sessions.csv:2 [date] U1: 学习日期 2023-06-01 不在 2024 年度内，不计入");
        lines.Should().OnlyContain(l => l.Sum(ch => ch >= '\u2e80' ? 2 : 1) <= 160);
        lines.Should().Contain(l => l.StartsWith("  错误 sessions.csv:3 [unit_id]", StringComparison.Ordinal));
        string.Concat(lines).Should().Contain(longId, "the wrapped line still holds the whole id");
    }
}

public sealed class CompareToTests : IDisposable
{
    private const string AsOf = "2025-01-15";
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    /// <summary>A previous run of the sample without U008, with U001 three points lower and one item changed, and a unit since removed.</summary>
    private string Previous()
    {
        var json = JObject.Parse(CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json").Out);
        var units = (JArray)json["units"]!;
        units.Single(u => u["unitId"]!.Value<string>() == "U008").Remove();
        var u1 = units.Single(u => u["unitId"]!.Value<string>() == "U001");
        u1["total"] = u1["total"]!.Value<decimal>() - 3;
        u1["grade"] = "good";
        u1["categories"]![4]!["score"] = u1["categories"]![4]!["score"]!.Value<decimal>() - 3;
        u1["items"]!.Single(i => i["id"]!.Value<string>() == "XS-01")["score"] = 5;
        units.Add(new JObject { ["unitId"] = "U099", ["unitName"] = "撤并单位", ["year"] = 2024, ["total"] = 70, ["grade"] = "pass", ["categories"] = new JArray(), ["items"] = new JArray() });
        var path = Path.Combine(_x.Folder, "previous.json");
        File.WriteAllText(path, json.ToString());
        return path;
    }

    [Fact]
    public void CompareTo_Json_HasADeltaPerUnitAndAddedAndRemoved()
    {
        var json = JObject.Parse(CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json", "--compare-to", Previous()).Out);

        var u1 = json["units"]!.Single(u => u["unitId"]!.Value<string>() == "U001");
        var delta = u1["delta"]!;
        delta["total"]!.Value<decimal>().Should().Be(3);
        delta["previousGrade"]!.Value<string>().Should().Be("good");
        delta["gradeChanged"]!.Value<bool>().Should().BeTrue();
        delta["categories"]!["XS"]!.Value<decimal>().Should().Be(3);
        ((JObject)delta["items"]!).Properties().Select(p => (p.Name, p.Value.Value<decimal>())).Should().Equal(("XS-01", 3m));
        json["units"]!.Single(u => u["unitId"]!.Value<string>() == "U008")["delta"]!.Type.Should().Be(JTokenType.Null);
        json["units"]!.Single(u => u["unitId"]!.Value<string>() == "U002")["delta"]!["total"]!.Value<decimal>().Should().Be(0);
        json["comparison"]!["added"]!.Values<string>().Should().Equal("U008");
        json["comparison"]!["removed"]!.Single()["unitId"]!.Value<string>().Should().Be("U099");
    }

    [Theory]
    [InlineData("json")]
    [InlineData("markdown")]
    public void CompareTo_WithSomeUnits_ComparesThoseOnly(string format)
    {
        // The previous run's other units were not asked for: they are not "removed". U008 is new since then.
        var r = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", format, "--compare-to", Previous(), "--unit", "U001", "--unit", "U008");

        r.Exit.Should().Be(0);
        if (format == "json")
        {
            var json = JObject.Parse(r.Out);
            json["units"]!.Select(u => u["unitId"]!.Value<string>()).Should().Equal("U001", "U008");
            json["units"]![0]!["delta"]!["total"]!.Value<decimal>().Should().Be(3);
            json["comparison"]!["added"]!.Values<string>().Should().Equal("U008");
            json["comparison"]!["removed"]!.Should().BeEmpty();
        }
        else
        {
            r.Out.Should().Contain("U008").And.NotContain("U099").And.NotContain("U002");
        }
    }

    [Fact]
    public void CompareTo_TableCsvAndHtml_ShowTheChange()
    {
        var previous = Previous();
        var table = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--compare-to", previous).Out;
        table.Should().Contain("+3 (good→excellent)").And.Contain("新增单位: U008").And.Contain("移除单位: U099");

        var csv = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "csv", "--lang", "en", "--compare-to", previous).Out;
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var row = lines.Single(l => l.StartsWith("U001,", StringComparison.Ordinal)).Split(',');
        row[Array.IndexOf(header, "total_change")].Should().Be("3");
        row[Array.IndexOf(header, "previous_grade")].Should().Be("good");
        row[Array.IndexOf(header, "change XS-01")].Should().Be("3");

        var html = CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "html", "--compare-to", previous).Out;
        html.Should().Contain("XS-01 +3");
        var summary = FormatTests.Parse(html).Descendants().Single(e => e.Name.LocalName == "section" && (string?)e.Attribute("id") == "summary");
        summary.Descendants().Where(e => e.Name.LocalName == "p").Select(p => p.Value).Should()
            .Equal(["新增单位: U008", "移除单位: U099"], "units added and removed are told beside the ranking, as in the table output, not among the warnings");
    }

    [Fact]
    public void CompareTo_NotAnAssessFile_IsUsageError()
    {
        var path = Path.Combine(_x.Folder, "other.json");
        File.WriteAllText(path, "{\"units\": 3}");

        var r = CliRunner.Run("score", CliRunner.Sample, "--compare-to", path);

        r.Exit.Should().Be(2);
        r.Error.Should().Contain("not the JSON output of assess score");
    }

    [Fact]
    public void CompareTo_AFolder_SaysItIsAFolder() =>
        CliRunner.Run("score", CliRunner.Sample, "--compare-to", _x.Folder).Error.Should()
            .Be($"assess: --compare-to {_x.Folder}: 是文件夹，请给出上次的 JSON 结果 / is a folder; give the JSON of a previous run" + Environment.NewLine);

    [Theory]
    [InlineData("{\"tool\": [\"assess\"], \"units\": []}", "not the JSON output of assess score")]
    [InlineData("{\"tool\": \"assess\", \"units\": [\"U001\"]}", "a unit is incomplete")]
    [InlineData("{\"tool\": \"assess\", \"units\": [{\"unitId\": \"U001\", \"total\": 80, \"categories\": [\"ZT\"]}]}", "a unit is incomplete")]
    [InlineData("{\"tool\": \"assess\", \"units\": [], \"more\": {}", "cannot read: the file ends before its JSON object does")]
    [InlineData("{\"tool\": \"assess\", \"units\": []} {}", "cannot read: Additional text encountered after finished reading JSON content")]
    [InlineData("[{\"tool\": \"assess\", \"units\": []}]", "cannot read")]
    [InlineData("", "cannot read")]
    [InlineData("{\"tool\": \"assess\", \"units\": [{\"unitId\": \"U001\"}], \"more\": [", "cannot read")]
    [InlineData("{\"tool\": \"assess\", \"units\": [{\"total\": 1}, {\"unitId\": \"U002\"}]}", "unit 1 has no unitId")]
    [InlineData("{\"tool\": \"assess\", \"units\": [{\"unitId\": \"U001\", \"total\": 1}, {\"unitId\": \"U002\", \"total\": {\"a\": [1]}}, 5]}", "unit 2 (U002): total is not a number")]
    [InlineData("{\"tool\": \"assess\", \"units\": [{\"unitId\": \"U001\", \"total\": 1, \"items\": [{\"id\": \"ZT-01\", \"score\": 1}, {\"id\": \"ZT-01\", \"score\": 2}]}]}", "unit 1 (U001): items give ZT-01 twice")]
    [InlineData("{\"tool\": \"assess\", \"units\": [{\"unitId\": \"U001\", \"total\": 1, \"year\": \"2024年\"}]}", "unit 1 (U001): year is not a whole number")]
    [InlineData("{\"units\": [{\"unitId\": \"U001\", \"total\": 100000000000000000000000000000000}], \"tool\": \"assess\"}", "unit 1 (U001): total is not a number in range")]
    [InlineData("{\"tool\": \"assess\", \"units\": [{\"unitId\": \"U001\", \"total\": 1e40}]}", "cannot read: Input string '1e40' is not a valid decimal. Path 'units[0].total'")]
    public void CompareTo_AFileOfTheWrongShape_IsUsageError(string json, string expected)
    {
        // Found by fuzzing: a value of the wrong shape was an internal error (Json.NET's InvalidOperationException).
        // The previous run is read as it streams by (a province's is hundreds of megabytes): a file cut short, or with
        // more after the object, is still refused as unreadable, and a unit of the wrong shape is named by its place
        // and id, the rest of the file still being read for its syntax (whose errors come first).
        var path = Path.Combine(_x.Folder, "previous.json");
        File.WriteAllText(path, json);

        var r = CliRunner.Run("score", CliRunner.Sample, "--compare-to", path);

        r.Exit.Should().Be(2);
        r.Error.Should().Contain(expected);
    }

    [Fact]
    public void CompareTo_APreviousRunWrittenByHand_IsReadInAnyOrderWithWhatItDoesNotNeedSkipped()
    {
        // Properties in another order, comments, properties assess does not write, and numbers given as strings.
        var path = Path.Combine(_x.Folder, "previous.json");
        File.WriteAllText(path, """
            // last year's run, edited
            {
              "units": [
                { "note": { "any": ["thing"] }, "total": "80.5", "unitId": "U001", "grade": "good",
                  "items": [ { "score": 1, "id": "XS-01", "explanation": "…" } ], "categories": null }
              ],
              "asOf": "2024-01-15",
              "tool": "assess"
            }
            """);

        var json = JObject.Parse(CliRunner.Run("score", CliRunner.Sample, "--as-of", AsOf, "--format", "json", "--compare-to", path).Out);

        var u1 = json["units"]!.Single(u => u["unitId"]!.Value<string>() == "U001");
        u1["delta"]!["total"]!.Value<decimal>().Should().Be(u1["total"]!.Value<decimal>() - 80.5m);
        u1["delta"]!["items"]!["XS-01"]!.Value<decimal>().Should().Be(u1["items"]!.Single(i => i["id"]!.Value<string>() == "XS-01")["score"]!.Value<decimal>() - 1);
        json["comparison"]!["previousAsOf"]!.Value<string>().Should().Be("2024-01-15");
        json["comparison"]!["added"]!.Values<string>().Should().HaveCount(7);
    }
}

public sealed class RubricCommandTests
{
    [Fact]
    public void List_ShowsBothBuiltIns()
    {
        var r = CliRunner.Run("rubric", "list");

        r.Exit.Should().Be(0);
        r.Out.Should().Contain("standard").And.Contain("grassroots").And.Contain("35 项");
    }

    [Fact]
    public void Show_Standard_MatchesGolden() => CliRunner.Run("rubric", "show", "standard").Out.ShouldMatchGolden("rubric.standard.txt");

    [Fact]
    public void Show_EveryItemWithItsPointsAndParameters()
    {
        var text = CliRunner.Run("rubric", "show", "grassroots", "--lang", "en").Out;

        foreach (var id in ExportGenerator.ItemIds)
        {
            text.Should().Contain($"  {id} ");
        }

        text.Should().Contain("MinSessionsPerYear = 6").And.Contain("PlanDeadline = \"02-28\"");
    }

    [Fact]
    public void Show_BadFile_IsUsageError()
    {
        var r = CliRunner.Run("rubric", "show", "nope.json");

        r.Exit.Should().Be(2);
        r.Error.Should().StartWith("assess: 测评方案无法使用 / the rubric cannot be used: nope.json: not a built-in rubric");
    }
}

public sealed class TemplateCommandTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    [Theory]
    [InlineData("zh", "单位编码,单位名称,年度")]
    [InlineData("en", "unit_id,unit_name,year")]
    public void Template_WritesEveryTableAndValidatesClean(string lang, string unitsHeader)
    {
        var dir = Path.Combine(_x.Folder, "t");

        CliRunner.Run("template", dir, "--lang", lang).Exit.Should().Be(0);

        Directory.GetFiles(dir).Select(Path.GetFileName).Should().BeEquivalentTo(
            ["units.csv", "members.csv", "sessions.csv", "attendance.csv", "speeches.csv", "outputs.csv", "documents.csv",
             "events.csv", "directives.csv", "reviews.csv", "waivers.csv", "README.md"]);
        File.ReadAllText(Path.Combine(dir, "units.csv")).Should().StartWith(unitsHeader);
        var v = CliRunner.Run("validate", dir);
        v.Exit.Should().Be(0);
        v.Out.Should().Contain("错误 0 条，警告 0 条");
    }

    [Fact]
    public void Template_FilledIn_ScoresAUnit()
    {
        var dir = Path.Combine(_x.Folder, "t");
        CliRunner.Run("template", dir);
        File.AppendAllText(Path.Combine(dir, "units.csv"), "U1,试填单位,2024,,,,,,\r\n");

        CliRunner.Run("score", dir, "--format", "json").Exit.Should().Be(0);
    }

    [Fact]
    public void Template_ExistingFiles_NeedForce()
    {
        var dir = Path.Combine(_x.Folder, "t");
        CliRunner.Run("template", dir);

        CliRunner.Run("template", dir).Exit.Should().Be(2);
        CliRunner.Run("template", dir, "--force").Exit.Should().Be(0);
    }

    [Theory]
    [InlineData("zh", "单位", "单位编码", "说明")]
    [InlineData("en", "units", "unit_id", "README")]
    public void Template_AsAWorkbook_HasASheetPerTableAndNotes_AndValidatesClean(string lang, string unitsSheet, string unitId, string notes)
    {
        var path = Path.Combine(_x.Folder, "template.xlsx");

        CliRunner.Run("template", path, "--lang", lang).Exit.Should().Be(0);

        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false))
        {
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2007).Validate(doc).Should().BeEmpty();
            var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(x => x.Name!.Value).ToList();
            names.Should().HaveCount(Assessment.Core.Import.Tables.All.Count + 1);
            names[0].Should().Be(unitsSheet);
            names[^1].Should().Be(notes);
            doc.WorkbookPart.WorksheetParts.First().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().First().InnerText.Should().Be(unitId);
        }

        var v = CliRunner.Run("validate", path);
        v.Exit.Should().Be(0);
        v.Out.Should().Contain("错误 0 条，警告 0 条", "the notes sheet is skipped without a warning");
        var readBack = Assessment.Core.Import.XlsxExport.Read(path);
        readBack.Units.Should().BeEmpty();
        CliRunner.Run("template", path).Exit.Should().Be(2, "an existing workbook is overwritten only with --force");
        CliRunner.Run("template", path, "--force").Exit.Should().Be(0);
    }

    /// <summary>The columns a spreadsheet would change as they are typed (ids, names, free text) are formatted as text;
    /// dates, numbers, rates and yes/no are not, so that a typed date is a real date. The notes sheet lists every
    /// column of every table.</summary>
    [Fact]
    public void Template_AsAWorkbook_FormatsTheTextColumnsAsText_AndExplainsEveryColumn()
    {
        var path = Path.Combine(_x.Folder, "template.xlsx");
        CliRunner.Run("template", path).Exit.Should().Be(0);

        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var formats = wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().Select(f => f.NumberFormatId?.Value ?? 0).ToList();
        string[] TextColumns(string sheet)
        {
            var part = (DocumentFormat.OpenXml.Packaging.WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(x => x.Name == sheet).Id!);
            var header = part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().First().Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList();
            return [.. part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Column>()
                .Where(c => c.Style is not null && formats[(int)c.Style.Value] == 49).Select(c => header[(int)c.Min!.Value - 1])];
        }

        TextColumns("单位").Should().Equal("单位编码", "单位名称", "测评方案");
        TextColumns("学习").Should().Contain(["单位编码", "学习编号", "专题", "内容标签", "主持人编码", "上级部署编号"]).And.NotContain(["日期", "时长分钟", "通知日期", "签到"]);
        TextColumns("考勤").Should().Equal("单位编码", "学习编号", "成员编码", "状态");

        var notes = (DocumentFormat.OpenXml.Packaging.WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(x => x.Name == "说明").Id!);
        var rows = notes.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        rows.Should().HaveCount(1 + Assessment.Core.Import.Tables.All.Sum(t => t.Columns.Count) + 2, "the header, a row per column, a blank row and how to fill it in");
        rows[^1].InnerText.Should().Contain("标 * 的列为必填");
    }

    [Fact]
    public void Template_AsAWorkbook_IntoAFolderOfThatName_OrAMissingFolder_IsRefused()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_x.Folder, "template.xlsx")).FullName;
        var missing = Path.Combine(_x.Folder, "no-such-folder", "template.xlsx");

        var r = CliRunner.Run("template", folder);
        var m = CliRunner.Run("template", missing);

        (r.Exit, m.Exit).Should().Be((2, 2));
        r.Error.Should().Be($"assess: {folder}: 是文件夹，请给出文件名 / is a folder; give a file name{Environment.NewLine}");
        m.Error.Should().StartWith($"assess: {missing}: 文件夹不存在 / no such folder: ");
        Directory.GetFileSystemEntries(folder).Should().BeEmpty();
    }

    [Fact]
    public void Template_AsJson_IsRefused()
    {
        var r = CliRunner.Run("template", Path.Combine(_x.Folder, "template.json"));

        r.Exit.Should().Be(2);
        r.Error.Should().Contain("a template is a CSV folder or an .xlsx workbook");
        Directory.GetFileSystemEntries(_x.Folder).Should().BeEmpty();
    }

    [Fact]
    public void Readme_DescribesEveryColumn() =>
        Assessment.Core.Import.Tables.All.SelectMany(t => t.Columns).Should().OnlyContain(c => Assessment.Cli.Commands.ColumnDocs.Describes(c.Name));
}

public sealed class ProgressTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    [Fact]
    public void ShortRun_ToATerminal_DrawsNoBar()
    {
        new ExportGenerator(8).Write(_x.Folder, 20, "Q", new DateOnly(2025, 1, 15));

        var result = CliRunner.RunOn(true, "score", _x.Folder, "--as-of", "2025-01-15");

        result.Exit.Should().Be(0);
        result.Error.Should().NotContain("评分中", "a run of 300 units or fewer finishes before a bar would help");
    }

    [Fact]
    public void LongRun_Redirected_WritesNothingToStderr_AndToATerminalStillScores()
    {
        new ExportGenerator(7).Write(_x.Folder, 320, "P", new DateOnly(2025, 1, 15));

        var redirected = CliRunner.Run("score", _x.Folder, "--as-of", "2025-01-15");
        redirected.Error.Should().BeEmpty();
        redirected.Exit.Should().Be(0);

        var terminal = CliRunner.RunOn(true, "score", _x.Folder, "--as-of", "2025-01-15", "--format", "json");
        terminal.Exit.Should().Be(0);
        JObject.Parse(terminal.Out)["units"]!.Should().HaveCount(320);
        terminal.Error.Should().Contain("评分中").And.Contain("100%", "the bar is drawn on stderr and reaches the end");

        var english = CliRunner.RunOn(true, "score", _x.Folder, "--as-of", "2025-01-15", "--lang", "en");
        english.Error.Should().Contain("scoring");
        english.Out.Should().NotContain("scoring").And.NotContain("\u001b[", "stdout carries only the result");
    }

    [Fact]
    public void Progress_GoalSettledOnlyAfterTheLastTick_StillEndsFull()
    {
        // The race the command cannot rule out: every unit counted before the read says how many were valid.
        using var error = new StringWriter();
        var terminal = new Assessment.Cli.Terminal(TextWriter.Null, error, false, true);
        var done = false;

        Assessment.Cli.Rendering.Progress.Run(terminal, 400, "en", tick =>
        {
            for (var i = 0; i < 350; i++)
            {
                tick();
            }

            done = true;
        }, () => done ? 350 : null);

        error.ToString().Should().Contain("100%").And.NotContain("88%", "350 of the 400 first expected");
    }

    /// <summary>A large export read before anything is scored (a JSON export of 20,000 units takes 12 s) shows on a
    /// terminal that it is reading; a small one, or one whose stderr is no terminal, shows nothing.</summary>
    [Theory]
    [InlineData(true, Assessment.Cli.Rendering.Progress.ReadingThreshold + 1, "读取中")]
    [InlineData(true, Assessment.Cli.Rendering.Progress.ReadingThreshold, null)]
    [InlineData(false, Assessment.Cli.Rendering.Progress.ReadingThreshold * 10, null)]
    public void Reading_ALargeInputToATerminal_SaysItIsReading(bool errorIsTerminal, long bytes, string? shown)
    {
        using var error = new StringWriter();
        var terminal = new Assessment.Cli.Terminal(TextWriter.Null, error, false, errorIsTerminal);

        var result = Assessment.Cli.Rendering.Progress.Reading(terminal, "zh", bytes, () => 42);

        result.Should().Be(42);
        if (shown is null)
        {
            error.ToString().Should().BeEmpty();
        }
        else
        {
            error.ToString().Should().Contain(shown);
        }
    }

    /// <summary>The commands that read an export before anything is scored or written say so on a terminal: `validate`,
    /// and `score` of a JSON export that must be read whole (a unit listed twice). Read unit by unit, a JSON export's units are
    /// counted as they are scored, since the file does not say how many it holds.</summary>
    [Fact]
    public void LargeExport_ToATerminal_SaysItIsReading_OrCountsTheUnits()
    {
        new ExportGenerator(7).Write(_x.Folder, 800, "P", new DateOnly(2025, 1, 15));
        var json = Path.Combine(_x.Folder, "export.json");
        Assessment.Core.Writing.ExportWriters.WriteJson(Assessment.Core.Import.CsvExport.Read(_x.Folder), json);
        new FileInfo(json).Length.Should().BeGreaterThan(Assessment.Cli.Rendering.Progress.ReadingThreshold);
        string[] score = ["score", json, "--as-of", "2025-01-15", "--format", "json", "-o", Path.Combine(_x.Folder, "out.json")];

        var streamed = CliRunner.RunOn(true, score);
        var validate = CliRunner.RunOn(true, "validate", json, "--lang", "en");

        streamed.Exit.Should().Be(0, streamed.Error);
        streamed.Error.Should().MatchRegex("评分中 [0-9,]+").And.NotContain("读取中");
        validate.Error.Should().Contain("reading");
        validate.Out.Should().NotContain("reading", "stdout carries only the result");

        var tree = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(json));
        tree.WithDirectivesLast();
        File.WriteAllText(json, tree.ToString());
        var directivesLast = CliRunner.RunOn(true, score);
        directivesLast.Exit.Should().Be(0, directivesLast.Error);
        directivesLast.Error.Should().MatchRegex("评分中 [0-9,]+", "the directives are found by a first pass, and the units counted")
            .And.NotContain("读取中");

        File.WriteAllText(json, tree.ToString(), TempExport.Gb18030);
        var gb18030 = CliRunner.RunOn(true, score);
        gb18030.Exit.Should().Be(0, gb18030.Error);
        gb18030.Error.Should().MatchRegex("评分中 [0-9,]+", "a file in GB18030 is read unit by unit too").And.NotContain("读取中");

        var units = (Newtonsoft.Json.Linq.JArray)tree["units"]!;
        units.Add(units[2].DeepClone());
        File.WriteAllText(json, tree.ToString());
        var whole = CliRunner.RunOn(true, score);
        whole.Exit.Should().Be(1, "the unit listed twice is an error of that unit");
        whole.Error.Should().Contain("读取中", "a unit listed twice is found after it was handed on: the file is read again whole")
            .And.Contain("评分中", "the scoring bar follows");
    }

    [Fact]
    public void Reading_AFailedRead_ThrowsItsOwnException()
    {
        var terminal = new Assessment.Cli.Terminal(TextWriter.Null, new StringWriter(), false, true);

        var act = () => Assessment.Cli.Rendering.Progress.Reading<int>(terminal, "en", long.MaxValue, () => throw new IOException("disk gone"));

        act.Should().Throw<IOException>().WithMessage("disk gone");
    }

    [Theory]
    [InlineData(Assessment.Cli.Rendering.Progress.CountingThreshold + 1, -1)]
    [InlineData(Assessment.Cli.Rendering.Progress.CountingThreshold, 0)]
    [InlineData(211_438, 0)] // the sample's JSON: 8 units
    public void UnknownTotal_CountsTheUnitsOfAJsonExportThatMayHoldMoreThanAFewHundred(long bytes, int total)
    {
        Assessment.Cli.Rendering.Progress.UnknownTotal(bytes).Should().Be(total);
        (Assessment.Cli.Rendering.Progress.CountingThreshold / (8 << 10)).Should().Be(Assessment.Cli.Rendering.Progress.Threshold);
    }

    [Fact]
    public void SmallJsonExport_ToATerminal_ShowsNoBar()
    {
        var r = CliRunner.RunOn(true, "score", Path.Combine(CliRunner.Sample, "sample.json"), "--as-of", "2025-01-15", "--format", "json",
            "-o", Path.Combine(_x.Folder, "out.json"));

        r.Exit.Should().Be(0, r.Error);
        r.Error.Should().NotContain("评分中").And.NotContain("读取中");
    }

    [Fact]
    public void InputBytes_IsAFilesSizeOrAFoldersCsvFilesTogether()
    {
        _x.Write("units.csv", "1234567890").Write("notes.txt", "not counted");
        var file = Path.Combine(_x.Folder, "units.csv");

        Assessment.Cli.Commands.ExportLoader.InputBytes(file).Should().Be(10);
        Assessment.Cli.Commands.ExportLoader.InputBytes(_x.Folder).Should().Be(10);
        Assessment.Cli.Commands.ExportLoader.InputBytes(Path.Combine(_x.Folder, "missing")).Should().Be(0);
    }

    [Fact]
    public void LongRun_OfUnitsNamed_EndsFullAtTheUnitsNamed()
    {
        // With --unit the bar's goal is the units named, not every unit the export lists.
        new ExportGenerator(7).Write(_x.Folder, 400, "P", new DateOnly(2025, 1, 15));
        var named = Enumerable.Range(0, 301).Select(i => $"PU{i:D3}").ToArray();
        var output = Path.Combine(_x.Folder, "out.json");

        var run = CliRunner.RunOn(true, ["score", _x.Folder, "--as-of", "2025-01-15", "--format", "json", "-o", output, .. named.SelectMany(u => new[] { "--unit", u })]);

        run.Exit.Should().Be(0, run.Error);
        JObject.Parse(File.ReadAllText(output))["units"]!.Should().HaveCount(301);
        run.Error.Should().Contain("评分中").And.Contain("100%", "301 of 301 named, not of the 400 listed");
    }

    [Fact]
    public void LongRun_ReadUnitByUnit_WithInvalidUnits_StillReachesTheEnd()
    {
        // Read unit by unit (-o), the bar starts from the units listed, before it is known that ten of them are
        // invalid and will not be scored: once the read is complete, its goal is the units that are.
        new ExportGenerator(7).Write(_x.Folder, 320, "P", new DateOnly(2025, 1, 15));
        var units = Path.Combine(_x.Folder, "units.csv");
        var lines = File.ReadAllLines(units);
        for (var i = 1; i <= 10; i++)
        {
            var cells = lines[i].Split(',');
            cells[2] = "not a year";
            lines[i] = string.Join(',', cells);
        }

        File.WriteAllLines(units, lines);
        var output = Path.Combine(_x.Folder, "out.json");

        var run = CliRunner.RunOn(true, "score", _x.Folder, "--as-of", "2025-01-15", "--format", "json", "-o", output);

        run.Exit.Should().Be(1);
        var json = JObject.Parse(File.ReadAllText(output));
        json["units"]!.Should().HaveCount(310);
        json["invalidUnits"]!.Should().HaveCount(10);
        run.Error.Should().Contain("100%", "the bar's goal is the 310 units scored, not the 320 listed");
    }
}
