using System.IO.Pipes;
using Assessment.Cli;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Cli;

/// <summary>Standard output as a file that can be taken back (<see cref="StdoutFile"/>), tried on file descriptors of
/// the test's own files: what lets <c>score</c> write JSON and CSV to <c>&gt; scores.json</c> as the units are read.
/// Linux and macOS only; elsewhere standard output is never taken back.</summary>
public sealed class StdoutFileTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    private static bool Posix => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    [Fact]
    public void AnEmptyFile_TakenBack_IsCutToNothing_AfterTheWriterIsFlushed()
    {
        if (!Posix)
        {
            return;
        }

        var path = Path.Combine(_x.Folder, "out.json");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite);
        using var writer = new FlushCounter();
        var output = StdoutFile.TryOpen(writer, Fd(file), -1);
        output.Should().NotBeNull("an empty regular file, as `>` leaves it");

        file.Write("{ \"units\": [ partial"u8);
        file.Flush();
        output!.Rewind();

        new FileInfo(path).Length.Should().Be(0);
        writer.Flushes.Should().Be(1, "what the writer still holds must reach the file before it is cut");
    }

    [Fact]
    public void AFileWhoseLastWriteFailed_IsStillCutToNothing()
    {
        if (!Posix)
        {
            return;
        }

        // A run failing because stdout's file cannot grow (a full disk, `ulimit -f`) takes its output back: the writer's
        // flush fails again, and what it held is dropped with the rest.
        var path = Path.Combine(_x.Folder, "out.json");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite);
        using var writer = new FlushCounter { Fails = true };
        var output = StdoutFile.TryOpen(writer, Fd(file), -1);

        file.Write("{ \"units\": [ partial"u8);
        file.Flush();
        output!.Rewind();

        new FileInfo(path).Length.Should().Be(0);
        writer.Flushes.Should().Be(1);
    }

    [Fact]
    public void AFileWithTextAfterTheOffset_IsNotTakenBack_AndKeepsItsText()
    {
        if (!Posix)
        {
            return;
        }

        // `>>` onto a file with text in it: the shell leaves the offset at 0, and appending moves it only on a write.
        var path = Path.Combine(_x.Folder, "out.json");
        File.WriteAllText(path, "earlier output\n");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            StdoutFile.TryOpen(TextWriter.Null, Fd(file), -1).Should().BeNull();
        }

        File.ReadAllText(path).Should().Be("earlier output\n");
    }

    [Fact]
    public void APipe_IsNotTakenBack_DevNullHasNothingToTakeBack()
    {
        if (!Posix)
        {
            return;
        }

        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        StdoutFile.TryOpen(TextWriter.Null, (int)pipe.SafePipeHandle.DangerousGetHandle(), -1).Should().BeNull();

        // /dev/null seeks like a file, but cannot be cut; it keeps nothing, so `score` writes there as it scores (on
        // Linux, where /proc names it; elsewhere it is taken for a device, and the output is spooled).
        using var devNull = new FileStream("/dev/null", FileMode.Open, FileAccess.Write);
        var discarded = StdoutFile.TryOpen(TextWriter.Null, Fd(devNull), -1);
        if (OperatingSystem.IsLinux())
        {
            discarded.Should().BeOfType<Discarded>();
            discarded!.Rewind();
        }
        else
        {
            discarded.Should().BeNull();
        }

        // Another device that cannot be cut is not taken for it.
        using var zero = new FileStream("/dev/zero", FileMode.Open, FileAccess.Write);
        StdoutFile.TryOpen(TextWriter.Null, Fd(zero), -1).Should().BeNull();
    }

    [Fact]
    public void StderrIntoTheSameFile_IsNotTakenBack_IntoAnotherFile_Is()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // elsewhere any file as stderr counts as maybe the same one
        }

        var path = Path.Combine(_x.Folder, "out.json");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite);
        using var same = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        using var other = new FileStream(Path.Combine(_x.Folder, "errors.txt"), FileMode.CreateNew, FileAccess.Write);

        StdoutFile.TryOpen(TextWriter.Null, Fd(file), Fd(same)).Should().BeNull("`> out.json 2>&1`");
        StdoutFile.TryOpen(TextWriter.Null, Fd(file), Fd(other)).Should().NotBeNull("`> out.json 2> errors.txt`");
    }

    private static int Fd(FileStream file) => (int)file.SafeFileHandle.DangerousGetHandle();

    private sealed class FlushCounter : StringWriter
    {
        public int Flushes { get; private set; }

        public bool Fails { get; init; }

        public override void Flush()
        {
            Flushes++;
            if (Fails)
            {
                throw new IOException("No space left on device");
            }

            base.Flush();
        }
    }
}
