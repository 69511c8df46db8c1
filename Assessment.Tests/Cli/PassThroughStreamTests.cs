using Assessment.Cli;
using Assessment.Core.Writing;

namespace Assessment.Tests.Cli;

/// <summary>A write past the largest file allowed reaches .NET code as an ArgumentOutOfRangeException (EFBIG); the
/// streams assess writes through make it an IOException, which the command line reports in one line with exit 2.</summary>
public sealed class PassThroughStreamTests
{
    [Theory]
    [InlineData("write")]
    [InlineData("flush")]
    [InlineData("dispose")]
    public void AFileTooLarge_IsAnIOException(string when)
    {
        var stream = new WatchedStream(new TooLarge(when));

        var act = () =>
        {
            using (stream)
            {
                stream.Write("{}"u8);
                stream.Flush();
            }
        };

        act.Should().Throw<IOException>().WithMessage("*ulimit -f*").WithInnerException<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void OtherFailures_PassAsTheyAre()
    {
        var stream = new WatchedStream(new TooLarge("io"));

        var act = () => stream.Write("{}"u8);

        act.Should().Throw<IOException>().WithMessage("No space left on device");
    }

    /// <summary>Fails as a file at its size limit does, at the given moment (or with "No space left" for "io").</summary>
    private sealed class TooLarge(string when) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Fail("write");
            if (when == "io")
            {
                throw new IOException("No space left on device");
            }

            base.Write(buffer);
        }

        public override void Flush()
        {
            Fail("flush");
            base.Flush();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Fail("dispose");
            }

            base.Dispose(disposing);
        }

        private void Fail(string at)
        {
            if (when == at)
            {
#pragma warning disable CA2208 // the parameter .NET names when a write fails with EFBIG
                throw new ArgumentOutOfRangeException("value", "Specified file length was too large for the file system.");
#pragma warning restore CA2208
            }
        }
    }
}
