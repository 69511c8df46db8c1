using System.Globalization;
using Assessment.Tests.TestAssets;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Assessment.Tests.Reliability;

/// <summary>The JSON and XLSX forms of an export, mutated at random (<see cref="FuzzTests"/> does the CSV folder): a value
/// of the wrong type, a key or an entry removed, a huge, deep or empty value, the file cut short or its bytes
/// overwritten. Each run of <c>assess score --format json</c> must exit with 0, 1 or 2, with no stack trace and no
/// "internal error", and print valid JSON unless a file error stopped it. Reports for <c>assess claims</c>, made of a
/// report's words and numbers of every size, must be read. ASSESS_FUZZ_ITERATIONS and ASSESS_FUZZ_SEED apply.</summary>
public sealed class StructuredInputFuzzTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private static int Iterations => Fuzzing.Iterations(60);

    private static int Seed => Fuzzing.Seed(20261129);

    [Fact]
    public void MutatedJsonExports_AreAnsweredWithoutAStackTrace()
    {
        var original = JToken.Parse(File.ReadAllText(Path.Combine(CliRunner.Sample, "sample.json")));
        var random = new Random(Seed);
        var path = Path.Combine(_x.Folder, "export.json");

        for (var i = 0; i < Iterations; i++)
        {
            var tree = original.DeepClone();
            var what = new List<string>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                what.Add(Mutate(tree, random));
            }

            if (random.Next(5) == 0 && tree is JObject { } root && root.Property("directives") is { } directives)
            {
                // The parts of the top level may come in any order; directives after the units are found by a first
                // pass before the units are read.
                directives.Remove();
                root.Add(directives);
                what.Add("directives last");
            }

            var text = tree.ToString(Formatting.Indented);
            if (random.Next(6) == 0)
            {
                var cut = random.Next(text.Length);
                text = text[..cut];
                what.Add($"cut at {cut}");
            }
            else if (random.Next(6) == 0)
            {
                var at = random.Next(text.Length);
                var inserted = "{}[],:\"/"[random.Next(8)];
                text = text.Insert(at, inserted.ToString());
                what.Add($"'{inserted}' inserted at {at}");
            }

            File.WriteAllText(path, text);
            Check(path, $"seed {Seed}, iteration {i}: {string.Join("; ", what)}");
            if (i % 4 == 0)
            {
                Converted(path, i % 8 == 0 ? "out.json" : "out", $"seed {Seed}, iteration {i}: {string.Join("; ", what)}");
            }
        }
    }

    /// <summary><c>convert</c> (read and written unit by unit, or read whole): converted, or refused with nothing written.</summary>
    private void Converted(string path, string to, string because)
    {
        var target = Path.Combine(_x.Folder, to);
        var r = Fuzzing.Answered(because, ["convert", path, target, "--force"], 0, 1, 2);
        if (r.Exit != 0)
        {
            (File.Exists(target) || Directory.Exists(target)).Should().BeFalse(because);
        }

        Directory.GetFiles(_x.Folder).Select(Path.GetFileName).Should().BeSubsetOf(["export.json", "out.json"], because + ": no temporary file or spool is left");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        File.Delete(Path.Combine(_x.Folder, "out.json"));
    }

    [Fact]
    public void DamagedWorkbooks_AreAnsweredWithoutAStackTrace()
    {
        var original = File.ReadAllBytes(Path.Combine(CliRunner.Sample, "sample.xlsx"));
        var random = new Random(Seed);
        var path = Path.Combine(_x.Folder, "export.xlsx");

        for (var i = 0; i < Math.Max(1, Iterations / 3); i++)
        {
            var bytes = (byte[])original.Clone();
            string what;
            if (random.Next(3) == 0)
            {
                var cut = random.Next(bytes.Length);
                bytes = bytes[..cut];
                what = $"cut at {cut}";
            }
            else
            {
                var at = random.Next(bytes.Length);
                var count = random.Next(1, 64);
                for (var k = at; k < Math.Min(bytes.Length, at + count); k++)
                {
                    bytes[k] = (byte)random.Next(256);
                }

                what = $"{count} bytes overwritten at {at}";
            }

            File.WriteAllBytes(path, bytes);
            Check(path, $"seed {Seed}, iteration {i}: {what}");
        }
    }

    [Fact]
    public void WorkbooksWithOddCells_AreAnsweredWithoutAStackTrace()
    {
        // Cells as other programs than Excel write them: numbers beyond a decimal or in exponent form, NaN, a shared
        // string index out of range, an error value, a boolean, a formula, a date cell, a cell with no reference or one
        // far beyond the sheet. (A numeric 1E+30 was an OverflowException.)
        string[] odd =
        [
            "<x:c{0}><x:v>1E+30</x:v></x:c>", "<x:c{0}><x:v>-1E+300</x:v></x:c>", "<x:c{0}><x:v>1.5E-3</x:v></x:c>", "<x:c{0}><x:v>NaN</x:v></x:c>",
            "<x:c{0}><x:v>Infinity</x:v></x:c>", "<x:c{0} t=\"s\"><x:v>99999</x:v></x:c>", "<x:c{0} t=\"s\"><x:v>-1</x:v></x:c>",
            "<x:c{0} t=\"e\"><x:v>#N/A</x:v></x:c>", "<x:c{0} t=\"b\"><x:v>1</x:v></x:c>", "<x:c{0} t=\"str\"><x:f>1+1</x:f><x:v>2</x:v></x:c>",
            "<x:c{0} t=\"d\"><x:v>2024-01-01T00:00:00</x:v></x:c>", "<x:c{0} s=\"99999\"><x:v>45000</x:v></x:c>", "<x:c><x:v>1</x:v></x:c>",
            "<x:c r=\"XFD1048576\"><x:v>1</x:v></x:c>", "<x:c r=\"XFE1\"><x:v>1</x:v></x:c>", "<x:c r=\"AAAAAAAAA1\"><x:v>1</x:v></x:c>", "<x:c{0}/>", "<x:c{0} t=\"inlineStr\"><x:is><x:t>" + new string('学', 40_000) + "</x:t></x:is></x:c>",
        ];
        var cell = new System.Text.RegularExpressions.Regex("<x:c( r=\"[A-Z]+[0-9]+\") t=\"inlineStr\"><x:is><x:t[^>]*>[^<]*</x:t></x:is></x:c>");
        var original = Path.Combine(CliRunner.Sample, "sample.xlsx");
        var random = new Random(Seed);
        var path = Path.Combine(_x.Folder, "cells.xlsx");

        for (var i = 0; i < Math.Max(1, Iterations / 3); i++)
        {
            File.Copy(original, path, overwrite: true);
            var what = new List<string>();
            using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
            {
                var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).ToArray();
                var sheet = sheets[random.Next(sheets.Length)];
                string xml;
                using (var reader = new StreamReader(sheet.Open()))
                {
                    xml = reader.ReadToEnd();
                }

                var cells = cell.Matches(xml).ToArray();
                for (var n = random.Next(1, 4); n > 0 && cells.Length > 0; n--)
                {
                    var at = cells[random.Next(cells.Length)];
                    var replacement = string.Format(CultureInfo.InvariantCulture, odd[random.Next(odd.Length)], at.Groups[1].Value);
                    xml = xml.Replace(at.Value, replacement, StringComparison.Ordinal);
                    what.Add($"{sheet.FullName}{at.Groups[1].Value}: {(replacement.Length > 80 ? replacement[..80] + "…" : replacement)}");
                }

                sheet.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(sheet.FullName).Open());
                writer.Write(xml);
            }

            Check(path, $"seed {Seed}, iteration {i}: {string.Join("; ", what)}");
        }
    }

    [Fact]
    public void RandomReports_AreReadWithoutAStackTrace()
    {
        // Sentences of a self-assessment report's words, numbers of every size and template blanks, checked against
        // the sample's records half the time.
        string[] words =
        [
            "全年", "开展", "集体学习研讨", "专题辅导", "走出去", "参学率", "达到", "高于", "不低于", "以上", "以下", "不足", "次", "人", "篇", "个", "%",
            "中心组成员", "书记", "主持", "讲党课", "调研报告", "心得体会", "学习强国", "活跃", "计划", "未", "将", "下一步", "没有", "均", "每人",
            "，", "。", "；", "\n", "（一）", "二、", "第", "余", "_", "__次", "XX", "***", "20**年", "百分之", "九十", "两", "十二", "〇",
        ];
        string[] numbers = ["0", "6", "12", "90", "100", "101", "0.5", "99.99", "1,000", "007", new string('9', 30), new string('9', 60), "1e9", "-3"];
        var random = new Random(Seed);
        var path = Path.Combine(_x.Folder, "report.txt");

        for (var i = 0; i < Iterations; i++)
        {
            var text = new System.Text.StringBuilder();
            for (var n = random.Next(5, 200); n > 0; n--)
            {
                text.Append(random.Next(4) == 0 ? numbers[random.Next(numbers.Length)] : words[random.Next(words.Length)]);
            }

            File.WriteAllText(path, text.ToString());
            string[] args = random.Next(2) == 0
                ? ["claims", path, "--format", "json"]
                : ["claims", path, "--export", CliRunner.Sample, "--unit", "U001", "--format", "json"];
            var because = $"seed {Seed}, iteration {i}: {text}";
            var r = Fuzzing.Answered(because, args, 0);
            FluentActions.Invoking(() => JToken.Parse(r.Out)).Should().NotThrow(because);
        }
    }

    [Fact]
    public void DamagedDocxReports_AreAnsweredWithoutAStackTrace()
    {
        var good = Path.Combine(_x.Folder, "good.docx");
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(good, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                Enumerable.Range(1, 40).Select(i => new DocumentFormat.OpenXml.Wordprocessing.Paragraph(
                    new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text($"全年开展集体学习研讨{i}次，参学率达到9{i % 10}%。"))))));
            main.Document.Save();
        }

        var original = File.ReadAllBytes(good);
        var random = new Random(Seed);
        var path = Path.Combine(_x.Folder, "report.docx");
        for (var i = 0; i < Math.Max(1, Iterations / 3); i++)
        {
            var bytes = (byte[])original.Clone();
            var at = random.Next(bytes.Length);
            if (random.Next(3) == 0)
            {
                bytes = bytes[..at];
            }
            else
            {
                for (var k = at; k < Math.Min(bytes.Length, at + random.Next(1, 64)); k++)
                {
                    bytes[k] = (byte)random.Next(256);
                }
            }

            File.WriteAllBytes(path, bytes);
            Fuzzing.Answered($"seed {Seed}, iteration {i}: damaged at {at}", ["claims", path, "--format", "json"], 0, 2);
        }
    }

    [Fact]
    public void MutatedRubrics_AreRefusedOrScoreEveryUnit()
    {
        // A rubric file (--rubric) with values changed or removed: refused as a usage error naming the problem (exit 2),
        // or used, and then every unit of the sample is scored (exit 0). A unit that fails to score (exit 1) would mean
        // a rubric that passed the checks but broke a rule.
        var original = JToken.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "rules", "standard.json")));
        var random = new Random(Seed);
        var path = Path.Combine(_x.Folder, "rubric.json");

        var used = 0;
        for (var i = 0; i < Iterations; i++)
        {
            // Half the time a parameter set to another plausible number, which the checks mostly let through: a rule then
            // runs on it. Any change elsewhere is mostly refused.
            var because = $"seed {Seed}, iteration {i}: " + (i % 2 == 0 ? WriteMutated(original, random, path) : WriteWithParameter(original, random, path));
            used += Fuzzing.Answered($"{because} (score)", ["score", CliRunner.Sample, "--rubric", path, "--as-of", "2025-01-15", "--format", "json"], 0, 2).Exit == 0 ? 1 : 0;
            Fuzzing.Answered($"{because} (rubric show)", ["rubric", "show", path], 0, 2);
        }

        // Were every mutated rubric refused, no rule would ever have run on one: the test would say little.
        used.Should().BeGreaterThan(Iterations / 5, $"{used} of {Iterations} mutated rubrics were used");
    }

    [Fact]
    public void MutatedPreviousRuns_AreRefusedOrCompared()
    {
        // --compare-to a previous run's JSON with values changed or removed: refused (exit 2) or compared (exit 0).
        var original = JToken.Parse(CliRunner.Run("score", CliRunner.Sample, "--as-of", "2025-01-15", "--format", "json").Out);
        var random = new Random(Seed);
        var path = Path.Combine(_x.Folder, "previous.json");

        for (var i = 0; i < Math.Max(1, Iterations / 2); i++)
        {
            var because = $"seed {Seed}, iteration {i}: {WriteMutated(original, random, path)}";
            foreach (var format in new[] { "json", "table", "html" })
            {
                Fuzzing.Answered($"{because} ({format})", ["score", CliRunner.Sample, "--as-of", "2025-01-15", "--compare-to", path, "--format", format], 0, 2);
            }
        }
    }

    /// <summary>Writes <paramref name="original"/> to <paramref name="path"/> with one or two values changed (to another
    /// type or another number) or removed; says what changed.</summary>
    private static string WriteMutated(JToken original, Random random, string path)
    {
        var tree = original.DeepClone();
        var what = new List<string>();
        for (var n = random.Next(1, 3); n > 0; n--)
        {
            what.Add(random.Next(2) == 0 ? Mutate(tree, random) : MutateNumber(tree, random));
        }

        File.WriteAllText(path, tree.ToString(Formatting.Indented));
        return string.Join("; ", what);
    }

    /// <summary>Writes the rubric with one number inside an item's parameters (a count, a share, points, a band's
    /// threshold) set to another plausible value; says which.</summary>
    private static string WriteWithParameter(JToken original, Random random, string path)
    {
        var tree = original.DeepClone();
        var numbers = ((JContainer)tree).Descendants().OfType<JValue>()
            .Where(v => v.Type is JTokenType.Integer or JTokenType.Float && v.Path.Contains(".parameters.", StringComparison.Ordinal)).ToArray();
        var target = numbers[random.Next(numbers.Length)];
        decimal[] plausible = [0, 1, 2, 3, 4, 12, 100, 0.5m, 0.25m, 0.95m, 1.5m];
        var value = plausible[random.Next(plausible.Length)];
        var at = target.Path;
        target.Replace(new JValue(value));
        File.WriteAllText(path, tree.ToString(Formatting.Indented));
        return $"{at} = {value}";
    }

    private static string MutateNumber(JToken tree, Random random)
    {
        var numbers = ((JContainer)tree).Descendants().OfType<JValue>().Where(v => v.Type is JTokenType.Integer or JTokenType.Float).ToArray();
        var target = numbers[random.Next(numbers.Length)];
        JToken replacement = random.Next(8) switch
        {
            0 => 0,
            1 => -1,
            2 => 0.5,
            3 => 1_000_000,
            4 => 1e30,
            5 => 100,
            6 => 2.5,
            _ => (decimal)target.Value<double>() + 1,
        };
        var at = target.Path;
        target.Replace(replacement);
        return $"{at} = {replacement.ToString(Formatting.None)}";
    }

    private static void Check(string path, string because)
    {
        var r = Fuzzing.Answered(because, ["score", path, "--as-of", "2025-01-15", "--format", "json"], 0, 1, 2);
        if (r.Exit != 2)
        {
            FluentActions.Invoking(() => JObject.Parse(r.Out)).Should().NotThrow(because);
        }
    }

    /// <summary>One change at a random place of the tree; says what it did.</summary>
    internal static string Mutate(JToken tree, Random random)
    {
        var all = ((JContainer)tree).Descendants().Where(t => t is not JProperty && t.Parent is not null).ToArray();
        var target = all[random.Next(all.Length)];
        JToken replacement = random.Next(14) switch
        {
            0 => JValue.CreateNull(),
            1 => "",
            2 => "x",
            3 => 0,
            4 => -1,
            5 => 1e30,
            6 => 3.5,
            7 => true,
            8 => new JArray(),
            9 => new JObject(),
            10 => new string('学', random.Next(20_000, 70_000)),
            11 => Nested(random.Next(50, 400)),
            12 => "2024-02-30",
            _ => "REMOVE",
        };

        if (replacement is JValue { Value: "REMOVE" })
        {
            var where = target.Path;
            if (target.Parent is JProperty p)
            {
                p.Remove();
            }
            else
            {
                target.Remove();
            }

            return $"removed {where}";
        }

        var at = target.Path;
        target.Replace(replacement);
        return $"{at} = {Describe(replacement)}";
    }

    private static JToken Nested(int depth)
    {
        JToken t = new JArray();
        for (var i = 0; i < depth; i++)
        {
            t = new JArray(t);
        }

        return t;
    }

    private static string Describe(JToken t) => t.Type switch
    {
        JTokenType.String when ((string)t!).Length > 40 => $"a string of {((string)t!).Length} characters",
        JTokenType.Array when t.First is JArray => "a deeply nested array",
        _ => t.ToString(Formatting.None),
    };
}
