using System.Reflection;
using Assessment.Core.Model;
using Assessment.Core.Scoring;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;
using NRules.Fluent.Dsl;

namespace Assessment.Tests.Rules;

public sealed class AssessorTests
{
    [Fact]
    public void Inventory_EveryRubricIdHasExactlyOneRuleClass()
    {
        var classes = typeof(Assessor).Assembly.GetTypes().Where(t => typeof(Rule).IsAssignableFrom(t) && !t.IsAbstract).ToArray();
        var names = RuleInventory.RuleNames;

        classes.Should().OnlyContain(t => t.GetCustomAttribute<NameAttribute>() != null);
        names.Should().HaveSameCount(classes, "PrivateTypes() must load every internal rule class");
        names.Should().OnlyHaveUniqueItems();
        names.Should().BeEquivalentTo(RubricCatalog.Standard.AllIds);
        names.Should().HaveCount(35 + 3 + 3);
    }

    [Fact]
    public void Score_TwoEqualRows_AreTwoFacts()
    {
        // Rows are records: with NRules' default identity two equal rows would be one fact (or a duplicate-insert
        // error). The engine identifies facts by reference, so an importer that hands over equal rows loses none.
        var unit = Units.Group().Output("O1", OutputKind.Conversion, null, "2024-05-01", adopted: true).Build();
        var twice = unit with { Outputs = [unit.Outputs[0], unit.Outputs[0] with { }] };
        twice.Outputs[0].Should().Be(twice.Outputs[1]).And.NotBeSameAs(twice.Outputs[1]);

        var card = Assessor.Create().Score(twice, new DateOnly(2025, 1, 15));

        card.BonusItems.Single(b => b.Id == "JF-02").Evidence.Should().Equal("O1", "O1");
    }

    [Fact]
    public void Score_EmptyUnit_GivesEveryItemOnceInRubricOrder()
    {
        var card = Assessor.Create().Score(new UnitBuilder().Build(), new DateOnly(2025, 1, 15));

        card.Items.Select(i => i.Id).Should().Equal(RubricCatalog.Standard.Items.Select(i => i.Id));
        card.Items.Where(i => i.Status == ItemStatus.NoEvidence).Should().HaveCount(33);
        card.Items.Where(i => i.Status == ItemStatus.NotApplicable).Select(i => i.Id).Should().Equal("ZT-04", "NR-02");
        card.Base.Should().Be(5);
        card.Vetoes.Select(v => v.Id).Should().Equal("FJ-01");
        card.Grade.Should().Be(Grade.Fail);
    }

    [Fact]
    public void Score_ProfileChoosesRubric_AndOverrideWins()
    {
        var unit = new UnitBuilder().With(u => u with { Profile = "grassroots" }).Build();

        Assessor.Create().Score(unit, new DateOnly(2025, 1, 15)).Profile.Should().Be("grassroots");
        Assessor.Create(RubricCatalog.Standard).Score(unit, new DateOnly(2025, 1, 15)).Profile.Should().Be("standard");
    }

    [Fact]
    public void ScoreAll_UnitsSharingASession_ScoreAsEachAlone()
    {
        // ScoreAll fires the rules for a batch of units in one session; every rule joins its facts to their unit.
        // Generated units differ in every table, and the export has directives addressed to all units.
        using var temp = new TempExport();
        new ExportGenerator(7).Write(temp.Folder, 3 * Assessor.BatchSize + 5, "B", new DateOnly(2025, 1, 15));
        var assessor = Assessor.Create();
        var export = temp.Read(assessor.ReadOptions(new DateOnly(2025, 1, 15)));
        export.Units.Should().HaveCountGreaterThan(2 * Assessor.BatchSize);
        export.Units.SelectMany(u => u.Directives).Where(d => d.UnitId == null).Should().NotBeEmpty("directives addressed to every unit are part of each unit's facts");

        var batched = assessor.ScoreAll(export, new DateOnly(2025, 1, 15)).ToArray();

        batched.Should().OnlyContain(s => s.Failure == null);
        foreach (var (unit, s) in export.Units.Zip(batched))
        {
            Shape(s.Scorecard!).Should().Equal(Shape(assessor.Score(unit, new DateOnly(2025, 1, 15))), "unit {0}", unit.UnitId);
        }
    }

    [Theory]
    [InlineData(Assessor.BatchSize + 4, 3)] // inside a full batch
    [InlineData(Assessor.BatchSize + 1, Assessor.BatchSize)] // alone in the last batch
    [InlineData(1, 0)] // the only unit
    public void ScoreAll_AUnitThatThrows_FailsAloneAndItsBatchIsScored(int count, int bad)
    {
        var units = Enumerable.Range(0, count).Select(i => Units.Group().Session($"S{i}", "2024-03-05").With(u => u with { UnitId = $"U{i:00}" }).Build()).ToArray();
        units[bad] = units[bad] with { Unit = units[bad].Unit with { Year = 0 } }; // year 0 has no dates: building its facts throws
        var export = new Export("mem", units, [], [], new Dictionary<string, int>());

        var results = Assessor.Create().ScoreAll(export, new DateOnly(2025, 1, 15)).ToArray();

        results.Select(r => r.Unit.UnitId).Should().Equal(units.Select(u => u.UnitId));
        results.Where(r => r.Failure != null).Select(r => r.Unit.UnitId).Should().Equal($"U{bad:00}");
        results.Single(r => r.Failure != null).Failure.Should().NotBeNullOrWhiteSpace();
        results.Where(r => r.Scorecard != null).Should().HaveCount(units.Length - 1);
    }

    /// <summary>Everything a scorecard says, as text, so that two scorecards can be compared.</summary>
    private static IEnumerable<string> Shape(Scorecard c) =>
        new[] { $"{c.UnitId} {c.Total} {c.Grade}" }
            .Concat(c.Items.Select(i => $"{i.Id} {i.Score} {i.Status} {i.Explanation.Zh} {i.Explanation.En} [{string.Join(",", i.Evidence)}]"))
            .Concat(c.Vetoes.Select(v => $"{v.Id} {v.Explanation.En} [{string.Join(",", v.Evidence)}]"))
            .Concat(c.BonusItems.Select(b => $"{b.Id} {b.Points} {b.Explanation.En} [{string.Join(",", b.Evidence)}]"));

    [Fact]
    public void ScoreAllThen_RunsThenOncePerUnit_AndKeepsInputOrder()
    {
        var units = Enumerable.Range(0, 90).Select(i => new UnitBuilder(2024, $"U{i:00}").Build()).ToArray();
        var export = new Export("mem", units, [], [], new Dictionary<string, int>());
        var calls = 0;
        var assessor = Assessor.Create();

        var totals = assessor.ScoreAllThen(export, new DateOnly(2025, 1, 15), s =>
        {
            Interlocked.Increment(ref calls);
            return (s.Unit.UnitId, s.Scorecard!.Total);
        }, parallelism: 3).ToArray();

        calls.Should().Be(90);
        totals.Should().Equal(assessor.ScoreAll(export, new DateOnly(2025, 1, 15)).Select(s => (s.Unit.UnitId, s.Scorecard!.Total)));
        totals.Select(t => t.UnitId).Should().Equal(export.Units.Select(u => u.UnitId));
    }

    [Fact]
    public void ScoreAllThen_NullProjection_ThrowsAtOnce()
    {
        var export = new Export("mem", [new UnitBuilder(2024, "U1").Build()], [], [], new Dictionary<string, int>());
        FluentActions.Invoking(() => Assessor.Create().ScoreAllThen<int>(export, new DateOnly(2025, 1, 15), null!))
            .Should().Throw<ArgumentNullException>("the check is made before anything is enumerated");
    }

    // Whether Prepare compiles the rules eagerly cannot be seen in this process, where other tests compile them too;
    // this checks that calling it from several threads at once is safe and leaves one factory for all.
    [Fact]
    public void Prepare_OnSeveralThreadsAtOnce_IsSafe_AndLeavesOneSharedFactory()
    {
        var factories = new NRules.ISessionFactory[8];
        Parallel.For(0, factories.Length, i =>
        {
            Assessor.Create().Prepare();
            factories[i] = RuleInventory.Factory;
        });

        factories.Should().OnlyContain(f => ReferenceEquals(f, factories[0]));
        Assessor.Create().Score(new UnitBuilder(2024, "U1").Build(), new DateOnly(2025, 1, 15)).Items.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("A,B,C", true)]
    [InlineData("C,A,B", true)]
    [InlineData("A,B", false)]     // one missing
    [InlineData("A,B,B", false)]   // one twice, so one missing
    [InlineData("A,B,C,C", false)] // one twice
    [InlineData("A,B,X", false)]   // one unknown
    [InlineData("", false)]
    public void Expect_ExactlyOneResultPerExpectedId_OrSaysWhatCame(string got, bool ok)
    {
        var want = new Dictionary<string, int> { ["A"] = 0, ["B"] = 1, ["C"] = 2 };
        var results = got.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var check = FluentActions.Invoking(() => Assessor.Expect(results, x => x, want, "U7"));
        if (ok)
        {
            check.Should().NotThrow();
        }
        else
        {
            check.Should().Throw<InvalidOperationException>()
                .WithMessage($"unit U7: the rules gave results for [{string.Join(", ", results.Order(StringComparer.Ordinal))}], expected exactly one for each of [A, B, C]");
        }
    }

    [Fact]
    public void ScoreUnitsThen_TakesUnitsOnlyAsTheScoringThreadsNeedThem()
    {
        // Units streamed from a read must not pile up in the scoring's own buffers: they would outlive several
        // collections. PLINQ's ordered query, used before, ran up to 1,700 units ahead of this consumer, and every
        // collection of a streamed `score` copied 30-45 MB of them. Each of the two threads now takes a batch at a
        // time, at most Lookahead batches per thread ahead of the batch being handed out.
        var unit = new UnitBuilder(2024, "U1").Build();
        var taken = 0;
        IEnumerable<UnitRecord> Source()
        {
            for (var i = 0; i < 3000; i++)
            {
                Interlocked.Increment(ref taken);
                yield return unit;
            }
        }

        var (yielded, lead) = (0, 0);
        foreach (var _ in Assessor.Create().ScoreUnitsThen(Source(), new DateOnly(2025, 1, 15), s => s, parallelism: 2))
        {
            yielded++;
            lead = Math.Max(lead, Volatile.Read(ref taken) - yielded);
        }

        yielded.Should().Be(3000);
        lead.Should().BeLessThanOrEqualTo((2 * Assessor.Lookahead + 1) * Assessor.BatchSize);
    }

    [Fact]
    public void ScoreAll_ManyUnitsInParallel_KeepsInputOrder()
    {
        var units = Enumerable.Range(0, 60).Select(i => new UnitBuilder(2024, $"U{i:00}").Build()).ToArray();
        var export = new Export("mem", units, [], [], new Dictionary<string, int>());

        var ids = Assessor.Create().ScoreAll(export, new DateOnly(2025, 1, 15), parallelism: 4).Select(s => s.Scorecard!.UnitId).ToArray();

        ids.Should().Equal(units.Select(u => u.UnitId));
    }
}

public sealed class RubricCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("assess-rubric").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string WriteVariant(Func<string, string> change)
    {
        var path = Path.Combine(_dir, "local.json");
        File.WriteAllText(path, change(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "rules", "standard.json"))));
        return path;
    }

    [Fact]
    public void BuiltIns_LoadAndAddUpToHundred()
    {
        foreach (var r in new[] { RubricCatalog.Standard, RubricCatalog.Grassroots })
        {
            r.Items.Sum(i => i.Max).Should().Be(100);
            r.Items.Should().HaveCount(35);
        }

        RubricCatalog.Grassroots.Item("XS-01")!.Parameters.Whole("MinSessionsPerYear").Should().Be(6);
    }

    [Fact]
    public void Load_LocalVariant_ChangesAParameter()
    {
        var path = WriteVariant(s => s.Replace("\"MinSessionsPerYear\": 12", "\"MinSessionsPerYear\": 4", StringComparison.Ordinal));

        RubricCatalog.Load(path).Item("XS-01")!.Parameters.Whole("MinSessionsPerYear").Should().Be(4);
    }

    [Theory]
    [InlineData("\"MinSessionsPerYear\": 12", "\"MinSessionsPerYear\": 0", "MinSessionsPerYear")]
    [InlineData("\"MinSessionsPerYear\": 12,", "", "MinSessionsPerYear is missing")]
    [InlineData("\"PlanDeadline\": \"01-31\"", "\"PlanDeadline\": \"02-30\"", "PlanDeadline")]
    [InlineData("\"id\": \"CX-05\"", "\"id\": \"CX-09\"", "CX-05")]
    [InlineData("\"max\": 8,\n      \"parameters\": {\n        \"MinSessionsPerYear\"", "\"max\": 7,\n      \"parameters\": {\n        \"MinSessionsPerYear\"", "add up")]
    [InlineData("\"AttendanceFloor\": 0.8", "\"AttendanceFloor\": 0.95", "AttendanceFloor")]
    [InlineData("{", "{{", "not valid JSON")]
    [InlineData("\"MinSessionsPerYear\": 12", "\"MinSessionsPerYear\": \"12\"", "MinSessionsPerYear must be a number")]
    [InlineData("\"atLeast\": 2,\n            \"points\": 2", "\"atLeast\": 2,\n            \"pts\": 2", "each band needs \"atLeast\" or \"above\" and \"points\"")]
    [InlineData("\"Bands\": [", "\"Bands\": [], \"Old\": [", "Bands must be a non-empty array of bands")]
    [InlineData("\"MinSessionsPerYear\": 12", "\"MinSessionsPerYear\": 1e30", "MinSessionsPerYear is too large a number")]
    [InlineData("\"max\": 8,\n      \"parameters\": {\n        \"MinSessionsPerYear\"", "\"max\": 1e30,\n      \"parameters\": {\n        \"MinSessionsPerYear\"", "\"max\" is too large a number in XS-01")]
    [InlineData("\"atLeast\": 2,\n            \"points\": 2", "\"atLeast\": 2,\n            \"points\": 1e30", "each band needs")]
    [InlineData("\"formulaEn\": \"", "\"formulaEn\": [], \"old\": \"", "\"formulaEn\" must be a string")]
    [InlineData("\"MinSessionsPerYear\": 12", "\"MinSessionsPerYear\": 12, \"MinSessionsPerYear\": 4", "Property with the name 'MinSessionsPerYear' already exists")]
    public void Load_BadRubric_SaysWhatIsWrong(string from, string to, string expected)
    {
        var path = WriteVariant(s => s.Replace(from, to, StringComparison.Ordinal));
        File.ReadAllText(path).Should().NotBe(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "rules", "standard.json")), "the test must really change the rubric");

        var act = () => RubricCatalog.Load(path);

        act.Should().Throw<RubricException>().WithMessage($"*{expected}*").And.Message.Should().StartWith("local.json");
    }

    [Fact]
    public void Load_AFolder_SaysItIsAFolder() =>
        ((Action)(() => RubricCatalog.Load(AppContext.BaseDirectory))).Should().Throw<RubricException>().WithMessage("*: a folder, not a rubric file");

    [Fact]
    public void Load_NoSuchFile_IsRubricError() =>
        ((Action)(() => RubricCatalog.Load("nonexistent.json"))).Should().Throw<RubricException>().WithMessage("*standard, grassroots*");
}

public sealed class FileOrderTests
{
    [Theory]
    [InlineData(new[] { 2, 5, 9 }, new[] { 0, 1, 2 })]          // in order already: as given
    [InlineData(new[] { 9, 2, 5 }, new[] { 1, 2, 0 })]          // sorted by line
    [InlineData(new[] { 4, 4, 1, 4 }, new[] { 2, 0, 1, 3 })]    // equal lines keep their order (stable)
    [InlineData(new[] { 3, 3, 3 }, new[] { 0, 1, 2 })]
    [InlineData(new int[0], new int[0])]
    public void ByLine_IsAStableSortByLine(int[] lines, int[] expectedOrder)
    {
        var rows = lines.Select((line, i) => (Line: line, Index: i)).ToList();

        var ordered = Assessment.Rules.Facts.FileOrder.ByLine(rows, r => r.Line);

        ordered.Select(r => r.Index).Should().Equal(expectedOrder);
    }
}

public sealed class UnitFactsTests
{
    [Fact]
    public void UnitFacts_AreEqualOnlyToThemselves()
    {
        var unit = new UnitBuilder(2024, "U1").Build();
        var a = (Assessment.Rules.Facts.UnitFacts)Assessment.Rules.Facts.FactBuilder.Build(unit, RubricCatalog.Standard)[0];
        var copy = a with { }; // every field the same: equal as a record, another unit to the rules

        var same = a;
        (a == same).Should().BeTrue();
        (a == copy).Should().BeFalse("joins to the unit (x.Unit == unit) compare references");
        a.Equals(copy).Should().BeFalse();
        a.GetHashCode().Should().Be(same.GetHashCode());
    }
}
