using Assessment.Cli.Rendering;
using Assessment.Core.Diagnostics;
using FluentAssertions;
using Xunit;

namespace Assessment.Tests.Cli;

/// <summary>The errors and warnings rendered ahead of their place in the JSON are kept in memory up to a budget and
/// the rest in a temporary file; what comes out is what went in, in order, whichever way it was kept.</summary>
public sealed class PooledBlocksTests
{
    // Pieces of every size around the budget, as the JSON writer's flushes would give them.
    private static List<byte[]> Pieces(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var piece = new byte[random.Next(1, 300)];
            random.NextBytes(piece);
            return piece;
        }).ToList();
    }

    private static byte[] Drained(PooledBlocks blocks)
    {
        var all = new List<byte>();
        blocks.Drain(b => all.AddRange(b.ToArray()));
        return [.. all];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(long.MaxValue)]
    public void What_is_drained_is_what_was_written_in_memory_or_in_the_file(long budget)
    {
        var pieces = Pieces(200, 1);
        var file = new MemoryStream();
        using var blocks = new PooledBlocks(budget, () => file);
        foreach (var p in pieces)
        {
            blocks.Write(p);
        }

        blocks.Spilled.Should().Be(budget < long.MaxValue);
        Drained(blocks).Should().Equal(pieces.SelectMany(p => p));
    }

    [Fact]
    public void Spills_only_past_the_budget()
    {
        var file = new MemoryStream();
        using var blocks = new PooledBlocks(1000, () => file);
        blocks.Write(new byte[600]);
        blocks.Write(new byte[400]);
        blocks.Spilled.Should().BeFalse("1,000 bytes fit the budget");
        blocks.Write(new byte[1]);
        blocks.Spilled.Should().BeTrue();
        file.Length.Should().Be(1);
    }

    [Fact]
    public void Spills_to_a_real_temporary_file_that_is_gone_once_drained()
    {
        var pieces = Pieces(500, 2);
        FileStream? file = null;
        using var blocks = new PooledBlocks(0, () => file = Assessment.Cli.Spool.TemporaryFile());
        foreach (var p in pieces)
        {
            blocks.Write(p);
        }

        Drained(blocks).Should().Equal(pieces.SelectMany(p => p));
        file.Should().NotBeNull();
        file!.CanRead.Should().BeFalse("the file is closed once drained");
        File.Exists(file.Name).Should().BeFalse("a spool file has no name once made (Linux, macOS) or is deleted once closed");
    }

    [Fact]
    public void A_file_cut_short_behind_its_back_is_an_error_not_a_short_document()
    {
        var file = new MemoryStream();
        using var blocks = new PooledBlocks(0, () => file);
        blocks.Write(new byte[1000]);
        file.SetLength(400); // as if the temporary folder's disk had lost it

        var act = () => blocks.Drain(_ => { });

        act.Should().Throw<IOException>().WithMessage("*ended early*");
    }

    [Fact]
    public void Keeps_everything_in_memory_when_no_file_can_be_made()
    {
        var pieces = Pieces(100, 3);
        using var blocks = new PooledBlocks(500, () => throw new UnauthorizedAccessException("no temporary folder"));
        foreach (var p in pieces)
        {
            blocks.Write(p);
        }

        blocks.Spilled.Should().BeFalse();
        Drained(blocks).Should().Equal(pieces.SelectMany(p => p));
    }

    [Fact]
    public void A_write_that_fails_half_way_is_kept_in_memory_with_all_after_it()
    {
        var pieces = Pieces(100, 4);
        var file = new FailingAfter(5);
        using var blocks = new PooledBlocks(500, () => file);
        foreach (var p in pieces)
        {
            blocks.Write(p);
        }

        blocks.Spilled.Should().BeTrue();
        file.Failed.Should().BeTrue("the test's disk filled up");
        Drained(blocks).Should().Equal(pieces.SelectMany(p => p));
    }

    [Fact]
    public void The_errors_of_an_invalid_unit_are_formatted_as_they_are_read()
    {
        var errors = new[]
        {
            new Diagnostic(Severity.RowError, "attendance.csv", 2, "status", "U1", Messages.UnknownWord, ["maybe", "status"]),
            new Diagnostic(Severity.RowError, "sessions.csv", 7, "date", "U1", Messages.UnknownWord, ["x", "form"]),
        };

        var zh = new FormattedErrors(errors, "zh");
        zh.Count.Should().Be(2);
        zh[1].Should().Be(errors[1].Format("zh"));
        zh.Should().Equal(errors.Select(e => e.Format("zh")));
        new FormattedErrors(errors, "en").Should().Equal(errors.Select(e => e.Format("en")));
    }

    /// <summary>A file whose writes succeed until the given one, which writes half its bytes and then fails.</summary>
    private sealed class FailingAfter(int writes) : MemoryStream
    {
        private int _count;

        public bool Failed { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (++_count < writes)
            {
                base.Write(buffer);
                return;
            }

            base.Write(buffer[..(buffer.Length / 2)]);
            Failed = true;
            throw new IOException("No space left on device");
        }
    }
}
