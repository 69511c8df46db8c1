using Assessment.Tests.TestAssets;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Newtonsoft.Json.Linq;

namespace Assessment.Tests.Claims;

public sealed class ClaimsCommandTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private string Text(string name, string content)
    {
        var path = Path.Combine(_x.Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Json_HasTheSpecShape()
    {
        var path = Text("report.txt", "20**年自查报告\n全年开展集体学习研讨6次。\n");

        var json = JObject.Parse(CliRunner.Run("claims", path, "--format", "json").Out);

        json.Properties().Select(p => p.Name).Should().Equal("file", "unfilled", "claims", "placeholders");
        json["unfilled"]!.Value<bool>().Should().BeTrue();
        var claim = (JObject)json["claims"]!.Single();
        claim.Properties().Select(p => p.Name).Should().Equal("kind", "item", "value", "comparator", "stance", "line", "text");
        (claim["kind"]!.Value<string>(), claim["item"]!.Value<string>(), claim["value"]!.Value<int>(), claim["stance"]!.Value<string>(), claim["line"]!.Value<int>())
            .Should().Be(("sessions", "XS-01", 6, "achieved", 2));
        json["placeholders"]!.Single()["text"]!.Value<string>().Should().Be("20**年");
    }

    [Fact]
    public void AgainstTheSample_GivesVerdictsByTheRubricsDefinitions()
    {
        // U003 of the sample: 7 sessions in the year, all chaired by the secretary, attendance 58/63 = 92.1%.
        var path = Text("u003.txt", "全年开展集体学习研讨6次。\n本年度中心组学习均由镇党委书记主持，中心组成员参学率高于90%。\n下一步，开展集体学习研讨12次。\n");

        var json = JObject.Parse(CliRunner.Run("claims", path, "--export", CliRunner.Sample, "--unit", "U003", "--format", "json", "--as-of", "2025-01-15").Out);

        var claims = json["claims"]!.ToDictionary(c => (c["kind"]!.Value<string>(), c["line"]!.Value<int>()));
        claims[("sessions", 1)]["verdict"]!.Value<string>().Should().Be("understated");
        claims[("sessions", 1)]["records"]!.Value<int>().Should().Be(7);
        claims[("secretary_hosted", 2)]["verdict"]!.Value<string>().Should().Be("consistent");
        claims[("attendance_rate", 2)]["verdict"]!.Value<string>().Should().Be("consistent");
        claims[("sessions", 3)]["verdict"]!.Value<string>().Should().Be("unverifiable", "a plan is not checked against the records");
        json["unmentioned"]!.Values<string>().Should().Contain("ZT-01").And.NotContain("XS-01");
    }

    [Fact]
    public void AgainstAnExportNotInUnitOrder_GivesTheSameVerdicts()
    {
        // A CSV folder is read unit by unit, keeping only the unit asked for; one whose tables are not in the order of
        // units.csv is read again whole, with the same result.
        var path = Text("u003.txt", "全年开展集体学习研讨6次。\n中心组成员参学率高于90%。\n");
        foreach (var file in Directory.GetFiles(CliRunner.Sample, "*.csv"))
        {
            File.Copy(file, Path.Combine(_x.Folder, Path.GetFileName(file)));
        }

        _x.MoveFirstUnitToTheEnd("attendance.csv");
        string[] args = [path, "--unit", "U003", "--format", "json", "--as-of", "2025-01-15"];

        var shuffled = CliRunner.Run(["claims", .. args, "--export", _x.Folder]);
        var sample = CliRunner.Run(["claims", .. args, "--export", CliRunner.Sample]);

        shuffled.Exit.Should().Be(0, shuffled.Error);
        shuffled.Out.Should().Be(sample.Out);
        JObject.Parse(sample.Out)["claims"]![0]!["records"]!.Value<int>().Should().Be(7);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AgainstAJsonExport_GivesTheVerdictsOfItsCsvForm(bool directivesLast)
    {
        // A JSON file is read unit by unit too, keeping only the unit asked for; one with its directives after the units
        // is read for them first.
        var path = Text("u003.txt", "全年开展集体学习研讨6次。\n中心组成员参学率高于90%。\n");
        var tree = JObject.Parse(File.ReadAllText(Path.Combine(CliRunner.Sample, "sample.json")));
        if (directivesLast)
        {
            tree.WithDirectivesLast();
        }

        var json = Path.Combine(_x.Folder, "export.json");
        File.WriteAllText(json, tree.ToString());
        string[] args = [path, "--unit", "U003", "--format", "json", "--as-of", "2025-01-15"];

        var fromJson = CliRunner.Run(["claims", .. args, "--export", json]);
        var sample = CliRunner.Run(["claims", .. args, "--export", CliRunner.Sample]);

        fromJson.Exit.Should().Be(0, fromJson.Error);
        fromJson.Out.Should().Be(sample.Out);
    }

    [Fact]
    public void Overstated_WhenTheReportClaimsMore()
    {
        var path = Text("u004.txt", "全年开展集体学习研讨12次。\n");

        var json = JObject.Parse(CliRunner.Run("claims", path, "--export", CliRunner.Sample, "--unit", "U004", "--format", "json").Out);

        json["claims"]![0]!["verdict"]!.Value<string>().Should().Be("overstated");
    }

    [Fact]
    public void Docx_ParagraphsAreLinesBlankOnesIncluded()
    {
        var path = Path.Combine(_x.Folder, "report.docx");
        using (var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text("自查报告"))),
                new Paragraph(),
                new Paragraph(new Run(new Text("全年开展集体学习研讨")), new Run(new Text("8次。")))));
            main.Document.Save();
        }

        var json = JObject.Parse(CliRunner.Run("claims", path, "--format", "json").Out);

        var claim = json["claims"]!.Single();
        (claim["line"]!.Value<int>(), claim["value"]!.Value<int>()).Should().Be((3, 8));
    }

    /// <summary>A text box as Word saves it: inside a run of the paragraph it is anchored to, once as a drawing
    /// (mc:Choice) and once more as VML for older readers (mc:Fallback), each holding the box's own paragraphs. Its text is
    /// read once, as lines of its own after the anchoring paragraph, not joined to that paragraph's text nor repeated.</summary>
    [Fact]
    public void Docx_ATextBox_IsReadOnce_AsItsOwnLines()
    {
        const string box = "<w:txbxContent><w:p><w:r><w:t>全年开展集体学习研讨8次。</w:t></w:r></w:p></w:txbxContent>";
        var xml = """
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
              xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
              xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"
              xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
              xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" mc:Ignorable="wps"><w:body>
            <w:p><w:r><w:t>自查报告</w:t></w:r></w:p>
            <w:p><w:r><w:t>一、基本情况</w:t></w:r><w:r><mc:AlternateContent>
              <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
                <wps:wsp><wps:txbx>BOX</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
              <mc:Fallback><w:pict><v:shape><v:textbox>BOX</v:textbox></v:shape></w:pict></mc:Fallback>
            </mc:AlternateContent></w:r></w:p>
            <w:p><w:r><w:t>全年撰写调研报告3篇。</w:t></w:r></w:p>
            </w:body></w:document>
            """.Replace("BOX", box, StringComparison.Ordinal);
        var path = Path.Combine(_x.Folder, "boxed.docx");
        using (var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            using var stream = doc.AddMainDocumentPart().GetStream(FileMode.Create);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(xml));
        }

        Assessment.Rules.Claims.ReportReader.Paragraphs(path).Should().Equal("自查报告", "一、基本情况", "全年开展集体学习研讨8次。", "全年撰写调研报告3篇。");
        var json = JObject.Parse(CliRunner.Run("claims", path, "--format", "json").Out);
        json["claims"]!.Where(c => c["kind"]!.Value<string>() == "sessions").Select(c => c["line"]!.Value<int>()).Should().Equal(3);
    }

    /// <summary>A report in a form the reader does not read is told by its first bytes, whatever its name, with what to
    /// do: not "the text is neither UTF-8 nor GB18030", which sends a user to look at encodings.</summary>
    [Theory]
    [InlineData("report.doc", "D0CF11E0A1B11AE1", "旧版 Word（.doc）或 WPS 文件，请另存为 .docx 或文本 / an old Word (.doc) or WPS document: save it as .docx or as text")]
    [InlineData("report.wps", "D0CF11E0A1B11AE1", "an old Word (.doc) or WPS document")]
    [InlineData("report.pdf", "255044462D312E37", "PDF 文件，请另存为 .docx 或文本 / a PDF: save it as .docx or as text")]
    [InlineData("report.txt", "7B5C72746631", "an RTF document")]
    [InlineData("report.odt", "504B0304", "a zip package (.odt, .xlsx, or a .docx under another name)")]
    public void AReportInAnotherForm_IsNamedWithWhatToDo(string name, string firstBytes, string message)
    {
        var path = Path.Combine(_x.Folder, name);
        File.WriteAllBytes(path, [.. Convert.FromHexString(firstBytes), .. System.Text.Encoding.ASCII.GetBytes(" rest of the file 集体学习研讨8次")]);

        var r = CliRunner.Run("claims", path);

        r.Exit.Should().Be(2);
        r.Error.Should().StartWith($"assess: {path}: 无法读取报告 / cannot read the report: ").And.Contain(message);
    }

    [Fact]
    public void ATextReportWithBytesOfNoText_NamesTheirLine()
    {
        var path = Path.Combine(_x.Folder, "report.txt");
        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetBytes("自查报告\n一、基本情况\n全年开展集体学习研讨"), 0xFF, .. "8\n"u8]);

        var r = CliRunner.Run("claims", path);

        r.Exit.Should().Be(2);
        r.Error.Should().Contain("the text is neither UTF-8 nor GB18030 (line 3)");
    }

    [Fact]
    public void Docx_ThatUnpacksToMoreThanAReport_IsRefusedBeforeItIsLoaded()
    {
        // A small file whose XML unpacks to gigabytes would exhaust memory as a tree of elements.
        var path = Path.Combine(_x.Folder, "bomb.docx");
        using (var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text("自查报告")))));
            main.Document.Save();
        }

        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            using var padding = new StreamWriter(zip.CreateEntry("customXml/item1.xml").Open());
            padding.Write("<padding>");
            var block = new string(' ', 1 << 20);
            for (var i = 0; i < 65; i++)
            {
                padding.Write(block);
            }

            padding.Write("</padding>");
        }

        new FileInfo(path).Length.Should().BeLessThan(1 << 20, "the file itself is small");
        var r = CliRunner.Run("claims", path);

        r.Exit.Should().Be(2);
        r.Error.Should().Contain("cannot read the report: a .docx document whose XML unpacks to 68,15")
            .And.Contain("over 64 MiB, which no report is");
    }

    [Fact]
    public void Docx_WithADamagedPart_IsAReportThatCannotBeRead()
    {
        // Found by fuzzing: an XmlException from a part that is not valid UTF-8 was an internal error.
        var path = Path.Combine(_x.Folder, "damaged.docx");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            void Add(string name, byte[] bytes)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }

            Add("[Content_Types].xml", System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"));
            Add("_rels/.rels", System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"));
            Add("word/document.xml", [.. System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"), 0xff, 0xfe, .. System.Text.Encoding.UTF8.GetBytes("</w:t></w:r></w:p></w:body></w:document>")]);
        }

        var r = CliRunner.Run("claims", path);

        r.Exit.Should().Be(2);
        r.Error.Should().StartWith($"assess: {path}: 无法读取报告 / cannot read the report: not a readable .docx document: ");
    }

    [Fact]
    public void Table_ShowsAReportsControlCharactersInsteadOfObeyingThem()
    {
        var path = Text("r.txt", "全年开展集体学习研讨6次\u001b[2J。XX年\u001b[0m\n");

        var r = CliRunner.Run("claims", path);

        r.Out.Should().Contain("研讨6次␛[2J。").And.NotContain("\u001b");
    }

    [Fact]
    public void Export_WithoutTheUnitsRecords_SaysWhy()
    {
        // Before, all three were "no valid unit U1 in …", hiding a missing units.csv or the unit's own row error.
        var report = Text("r.txt", "全年开展集体学习研讨6次。\n");
        var empty = Directory.CreateDirectory(Path.Combine(_x.Folder, "empty")).FullName;
        var bad = Directory.CreateDirectory(Path.Combine(_x.Folder, "bad")).FullName;
        File.WriteAllText(Path.Combine(bad, "units.csv"), "unit_id,unit_name,year\nU1,一号,20x4\n");

        CliRunner.Run("claims", report, "--export", empty, "--unit", "U1", "--lang", "en").Error.Should()
            .StartWith($"assess: --export {empty}: 导出数据有文件错误，无法核对 / the export has a file error: units.csv: the required table units.csv is missing");
        CliRunner.Run("claims", report, "--export", bad, "--unit", "U1", "--lang", "en").Error.Should()
            .StartWith("assess: --unit U1: 该单位的数据有错误，无法核对 / the unit's records have errors: units.csv:2 [year] U1: '20x4'");
        var none = CliRunner.Run("claims", report, "--export", CliRunner.Sample, "--unit", "U999");
        (none.Exit, none.Error).Should().Be((2, "assess: --unit: 导出数据中没有单位 / no such unit in the export: U999" + Environment.NewLine));
    }

    [Fact]
    public void ManyReports_OneSummaryRowEach()
    {
        var a = Text("a.txt", "20**年报告。全年开展集体学习研讨6次。\n");
        var b = Text("b.txt", "全年开展集体学习研讨12次。\n");

        var r = CliRunner.Run("claims", a, b, "--lang", "en");

        r.Exit.Should().Be(0);
        r.Out.Should().Contain("a.txt\tyes\t1\t0").And.Contain("b.txt\tno\t1\t0");
    }

    [Fact]
    public void Markdown_And_Table_SayUnfilledFirst()
    {
        var path = Text("r.txt", "20**年报告。\n全年开展集体学习研讨6次。\n");

        CliRunner.Run("claims", path, "--format", "markdown").Out.Should().Contain("**注意：报告含未填写的模板空白。**");
        CliRunner.Run("claims", path).Out.Split('\n')[1].Should().StartWith("注意：报告含未填写的模板空白");
    }

    [Fact]
    public void Markdown_QuotesTheReportLiterally()
    {
        // Masked words (学***台) are the report's text, not Markdown emphasis.
        var path = Text("r.txt", "积极利用“学习强国”学***台开展网络学习，全年开展集体学习研讨6次。\n");

        var md = CliRunner.Run("claims", path, "--format", "markdown").Out;

        md.Should().Contain(@"学\*\*\*台").And.NotContain("学***台");
    }

    [Fact]
    public void BadArguments_AreUsageErrors()
    {
        CliRunner.Run("claims", "/no/such/report.txt").Should().Be(new CliRunner.Result(2, "", "assess: /no/such/report.txt: 文件不存在 / no such file" + Environment.NewLine));
        CliRunner.Run("claims", CliRunner.Sample).Should().Be(new CliRunner.Result(2, "", $"assess: {CliRunner.Sample}: 是文件夹，请给出报告文件（.docx 或文本）/ is a folder; give the report files (.docx or text)" + Environment.NewLine));
        CliRunner.Run("claims", Text("r.txt", "x"), "-o", "out.json").Error.Should()
            .Be("assess: -o: 不是 claims 的选项 / not an option of claims (assess claims --help)" + Environment.NewLine, "an option claims lacks is not a missing file");
        CliRunner.Run("claims", Text("r.txt", "x"), "--export", CliRunner.Sample).Exit.Should().Be(2);
    }

    [Fact]
    public void Gb18030Text_IsDetected()
    {
        var path = Path.Combine(_x.Folder, "gbk.txt");
        File.WriteAllText(path, "全年开展集体学习研讨6次。\n", TempExport.Gb18030);

        var json = JObject.Parse(CliRunner.Run("claims", path, "--format", "json").Out);

        json["claims"]!.Single()["value"]!.Value<int>().Should().Be(6);
    }
}
