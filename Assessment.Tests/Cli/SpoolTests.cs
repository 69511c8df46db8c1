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
