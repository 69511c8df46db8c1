using System.Text;
using Assessment.Core.Import;
using Assessment.Core.Model;
using Assessment.Rules.Engine;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Core;

/// <summary><see cref="CsvExport.Stream"/> reads an export unit by unit. Whatever it hands on and returns must be
/// exactly what <see cref="CsvExport.Read"/> gives: the same units and rows, the same diagnostics in the same order, the
/// same invalid units and counts; and when it cannot be (tables not in unit order, a file error found late) it must
/// say so instead of handing on a wrong unit.</summary>
public sealed class StreamedReadTests
{
    private static readonly DateOnly AsOf = new(2025, 1, 15);

    /// <summary>Streams the export, keeping what is handed on, and returns the export as if read whole.</summary>
    private static Export Streamed(string folder, ReadOptions options)
    {
        var handed = new List<UnitRecord>();
        int? listed = null;
        var export = CsvExport.Stream(folder, options, handed.Add, n => listed = n);
        if (!export.HasFileErrors)
        {
            listed.Should().Be(export.UnitCount, "the units of units.csv are listed before any is handed on");
        }

        export.StreamedUnitIds.Should().Equal(handed.Select(u => u.UnitId));
        export.ValidUnitIds.Should().Equal(handed.Select(u => u.UnitId));
        export.Units.Should().BeEmpty();
        export.ValidUnitCount.Should().Be(handed.Count);
        return export with { Units = handed, StreamedUnitIds = null };
    }

    // Mutated exports: rows deleted, duplicated, re-encoded, values broken, columns dropped or doubled, files cut or
    // overwritten with random bytes; each keeps its tables in unit order. 2,000 units with a lowered threshold for
    // reading on every core (which the streamed read does not use) checks that the two reads agree on large files too.
    [Theory]
    [InlineData(21, 40, 0, false)]
    [InlineData(22, 40, 3, false)]
    [InlineData(23, 40, 6, false)]
    [InlineData(24, 40, 6, true)]
    [InlineData(27, 40, 0, true)]
    [InlineData(25, 2_000, 0, false)]
    [InlineData(26, 60, 10, true)]
    public void Stream_GivesWhatReadGives(int seed, int units, int mutations, bool strict)
    {
        using var temp = new TempExport();
        new ExportGenerator(seed).Write(temp.Folder, units, $"S{seed}-", AsOf);
        var mutator = new ExportMutator(seed);
        for (var i = 0; i < mutations; i++)
        {
            mutator.Mutate(temp.Folder);
        }

        var options = Assessor.Create().ReadOptions(AsOf, strict) with { ParallelFromBytes = 0 };
        var whole = CsvExport.Read(temp.Folder, options);
        var streamed = Streamed(temp.Folder, options);

        ParallelReadTests.Describe(streamed).Should().Equal(ParallelReadTests.Describe(whole));
        if (mutations == 0 && strict)
        {
            // Warnings are errors: the units with one are not handed on, the others are.
            streamed.Units.Should().NotBeEmpty();
            streamed.InvalidUnits.Should().NotBeEmpty();
        }
        else if (mutations == 0)
        {
            streamed.Units.Should().HaveCount(units);
        }
        else
        {
            streamed.Diagnostics.Should().NotBeEmpty("the mutations break rows");
        }
    }

    [Fact]
    public void Stream_OfTheSample_GivesWhatReadGives()
    {
        var options = Assessor.Create().ReadOptions(AsOf);
        var streamed = Streamed(CliRunner.Sample, options);
        ParallelReadTests.Describe(streamed).Should().Equal(ParallelReadTests.Describe(CsvExport.Read(CliRunner.Sample, options)));
        streamed.Units.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("attendance.csv")]
    [InlineData("members.csv")]
    [InlineData("reviews.csv")]
    public void Stream_TableNotInUnitOrder_SaysSo_AndReadGivesTheWholeExport(string file)
    {
        using var temp = new TempExport();
        new ExportGenerator(31, new ExportGenerator.Shape(Plain: true)).Write(temp.Folder, 30, "O-", AsOf);
        if (file == "reviews.csv")
        {
            // The generator writes few reviews: make sure the first unit has rows, then put them last.
            var path = Path.Combine(temp.Folder, file);
            var lines = File.ReadAllLines(path, Encoding.UTF8);
            var first = File.ReadAllLines(Path.Combine(temp.Folder, "units.csv"), Encoding.UTF8)[1].Split(',')[0].Trim('"', '\uFEFF');
            File.WriteAllLines(path, [lines[0], $"{first},falsification,核查说明", .. lines.Skip(1)], new UTF8Encoding(true));
        }

        temp.MoveFirstUnitToTheEnd(file);
        var options = Assessor.Create().ReadOptions(AsOf);

        var handed = 0;
        var act = () => CsvExport.Stream(temp.Folder, options, _ => handed++);

        act.Should().Throw<ExportNotStreamableException>().WithMessage($"*{file}:*");
        handed.Should().BeGreaterThan(0, "the out-of-order rows come after every other unit was handed on");
        CsvExport.Read(temp.Folder, options).Units.Should().HaveCount(30, "the whole read places rows in any order");
    }

    [Fact]
    public void Stream_TooManyRowsInATable_SaysSo_EvenBeforeAnyUnitIsHandedOn()
    {
        using var temp = new TempExport();
        new ExportGenerator(32).Write(temp.Folder, 20, "R-", AsOf);
        var options = new ReadOptions { AsOf = AsOf, Limits = ReadLimits.Default with { MaxRowsPerFile = 30 } };

        var act = () => CsvExport.Stream(temp.Folder, options, _ => { });

        // The whole read places the file error among the rows read before it; only it gives that order.
        act.Should().Throw<ExportNotStreamableException>();
        CsvExport.Read(temp.Folder, options).HasFileErrors.Should().BeTrue();
    }

    [Fact]
    public void Stream_AFileErrorFoundWhenTheFilesAreLoaded_HandsNothingOn_AndGivesWhatReadGives()
    {
        using var temp = new TempExport();
        new ExportGenerator(33).Write(temp.Folder, 10, "F-", AsOf);
        File.WriteAllText(Path.Combine(temp.Folder, "sessions.csv"), "unit_id,session_id\nF-0,S1\n", Encoding.UTF8); // required columns missing
        StopsEveryUnit(temp.Folder, new ReadOptions { AsOf = AsOf });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stream_AFileErrorInADirectiveOfEveryUnit_HandsNothingOn_AndGivesWhatReadGives(bool strict)
    {
        // Directives are read before any unit is handed on; a bad one of every unit stops every unit.
        using var temp = new TempExport();
        new ExportGenerator(37, new ExportGenerator.Shape(Plain: true)).Write(temp.Folder, 12, "D-", AsOf);
        File.AppendAllText(Path.Combine(temp.Folder, "directives.csv"), "DX,*,上级部署,not a date\n", Encoding.UTF8);
        StopsEveryUnit(temp.Folder, new ReadOptions { AsOf = AsOf, Strict = strict });
    }

    /// <summary>A file error known before the first unit is complete: the streamed read hands nothing on and returns
    /// what the whole read returns.</summary>
    private static void StopsEveryUnit(string folder, ReadOptions options)
    {
        var handed = 0;
        var streamed = CsvExport.Stream(folder, options, _ => handed++);

        handed.Should().Be(0);
        streamed.HasFileErrors.Should().BeTrue();
        ParallelReadTests.Describe(streamed).Should().Equal(ParallelReadTests.Describe(CsvExport.Read(folder, options)));
    }

    [Fact]
    public void Stream_AConsumerThatThrows_StopsTheRead_WithItsException()
    {
        using var temp = new TempExport();
        new ExportGenerator(34).Write(temp.Folder, 400, "C-", AsOf);
        var handed = 0;

        var read = Task.Run(() => CsvExport.Stream(temp.Folder, null, _ =>
        {
            if (++handed == 3)
            {
                throw new InvalidOperationException("consumer failed");
            }
        }));

        // Throwing at all means every table's reading thread was stopped and joined: a hang returns false after 30 s.
        var wait = () => read.Wait(TimeSpan.FromSeconds(30));
        wait.Should().Throw<AggregateException>().WithInnerException<InvalidOperationException>().WithMessage("consumer failed");
        handed.Should().Be(3);
    }

    [Fact]
    public void Stream_Cancelled_StopsPromptly()
    {
        using var temp = new TempExport();
        new ExportGenerator(35).Write(temp.Folder, 400, "K-", AsOf);
        UnitsHandedOnOnceCancelledAtTheFifth((token, onUnit) => CsvExport.Stream(temp.Folder, new ReadOptions { AsOf = AsOf, Cancellation = token }, onUnit))
            .Should().BeLessThan(400);
    }

    /// <summary>How many units a read unit by unit hands on when it is cancelled as the fifth is handed on; it must
    /// throw <see cref="OperationCanceledException"/>.</summary>
    internal static int UnitsHandedOnOnceCancelledAtTheFifth(Action<CancellationToken, Action<UnitRecord>> read)
    {
        using var cts = new CancellationTokenSource();
        var handed = 0;
        var act = () => read(cts.Token, _ =>
        {
            if (++handed == 5)
            {
                cts.Cancel();
            }
        });

        act.Should().Throw<OperationCanceledException>();
        return handed;
    }

    [Fact]
    public void Stream_KeepsNoUnitOnceItIsHandedOn()
    {
        using var temp = new TempExport();
        new ExportGenerator(36).Write(temp.Folder, 300, "W-", AsOf);
        LetsHandedUnitsGo(onUnit => CsvExport.Stream(temp.Folder, new ReadOptions { AsOf = AsOf }, onUnit))
            .Should().BeTrue("the read holds the units being read, not those it has handed on");
    }

    /// <summary>Whether a read unit by unit of at least 200 units has let the first unit's rows go by the 200th.</summary>
    internal static bool? LetsHandedUnitsGo(Action<Action<UnitRecord>> read)
    {
        WeakReference? first = null;
        bool? collected = null;
        var handed = 0;
        read(u =>
        {
            if (++handed == 1)
            {
                first = new WeakReference(u.Attendance);
            }
            else if (handed == 200)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                collected = !first!.IsAlive;
            }
        });
        return collected;
    }

    [Fact]
    public void Stream_NoFolder_GivesWhatReadGives()
    {
        var missing = Path.Combine(Path.GetTempPath(), "assess-no-such-folder-" + Guid.NewGuid().ToString("N"));
        int? listed = null;
        var streamed = CsvExport.Stream(missing, null, _ => { }, n => listed = n);
        listed.Should().Be(0);
        ParallelReadTests.Describe(streamed).Should().Equal(ParallelReadTests.Describe(CsvExport.Read(missing)));
        streamed.HasFileErrors.Should().BeTrue();
    }
}
