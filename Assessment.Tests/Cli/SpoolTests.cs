using System.Text;
using Assessment.Cli;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Cli;

/// <summary>The spool file that JSON and CSV for a pipe, and the units' sections of a report, are written to first
/// (<see cref="Spool"/>).</summary>
public sealed class SpoolTests
{
    [Fact]
    public void WhatIsWritten_IsCopiedAsItWasWritten_AndTheFileIsDeletedWhenDisposed()
    {
        var folder = Directory.CreateTempSubdirectory("assess-spool-test").FullName;
        try
        {
            var output = Path.Combine(folder, "out.json");
            using (var spool = new Spool(output, "\n"))
            {
                if (OperatingSystem.IsLinux())
                {
                    OpenSpools.In(Environment.ProcessId, folder).Should().Be((1, 0), "the spool sits beside the output, with no name");
                }
                else if (OperatingSystem.IsWindows())
                {
                    Directory.GetFiles(folder, ".assess-spool.*").Should().ContainSingle("the spool sits beside the output");
                }

                spool.Writer.WriteLine("{\"unitName\": \"市委宣传部\"}");
                using var copy = new StringWriter();
                spool.CopyTo(copy);
                copy.ToString().Should().Be("{\"unitName\": \"市委宣传部\"}\n");

                using var bytes = new MemoryStream();
                using (var utf8 = new StreamWriter(bytes, new UTF8Encoding(false), 1024, leaveOpen: true))
                {
                    utf8.Write("[");
                    spool.CopyTo(utf8);
                }

                Encoding.UTF8.GetString(bytes.ToArray()).Should().Be("[{\"unitName\": \"市委宣传部\"}\n");
                spool.Failed.Should().BeFalse();
            }

            Directory.GetFileSystemEntries(folder).Should().BeEmpty();
            if (OperatingSystem.IsLinux())
            {
                OpenSpools.In(Environment.ProcessId, folder).Should().Be((0, 0), "the spool is closed");
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>Ctrl-C stops the copy to stdout, whether it goes as bytes (a UTF-8 writer) or as characters (any other):
    /// the block in hand is the last one written.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ACopyCancelled_StopsAfterTheBlockInHand(bool utf8)
    {
        using var spool = new Spool(null, "\n");
        spool.Writer.Write(new string('x', 200_000));
        using var cancel = new CancellationTokenSource();
        using var bytes = new MemoryStream();
        using var chars = new StringWriter();
        using TextWriter target = utf8 ? new StreamWriter(new Assessment.Tests.Reliability.CancelOnWrite(bytes, cancel), new UTF8Encoding(false)) : new CancelOnWriteWriter(chars, cancel);

        var copy = () => spool.CopyTo(target, cancel.Token);

        copy.Should().Throw<OperationCanceledException>();
        (utf8 ? bytes.Length : chars.ToString().Length).Should().Be(1 << 16, "one block of 64 Ki went out before the cancellation was seen");
    }

    /// <summary>A writer that passes on what it is given and cancels once it has been given something.</summary>
    private sealed class CancelOnWriteWriter(TextWriter inner, CancellationTokenSource cancel) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char[] buffer, int index, int count)
        {
            inner.Write(buffer, index, count);
            cancel.Cancel();
        }
    }

    [Fact]
    public void AWriteThatFails_MarksTheSpoolFailed_AndDisposingItDoesNotThrow()
    {
        // /dev/full refuses every write with "No space left on device": a full temporary folder.
        if (!File.Exists("/dev/full"))
        {
            return;
        }

        var spool = Spool.Over(new FileStream("/dev/full", FileMode.Open, FileAccess.ReadWrite), "\n");
        spool.Failed.Should().BeFalse();

        var write = () => spool.Writer.Write(new string('x', 200_000)); // more than the writer's buffer holds

        write.Should().Throw<IOException>();
        spool.Failed.Should().BeTrue();
        spool.Invoking(s => s.Dispose()).Should().NotThrow();
    }
}
