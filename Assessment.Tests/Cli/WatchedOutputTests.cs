using System.Text;
using Assessment.Cli;
using FluentAssertions;
using Xunit;

namespace Assessment.Tests.Cli;

public sealed class WatchedOutputTests
{
    [Fact]
    public void Stream_IsWrittenOnlyOnceABytePassesThrough()
    {
        using var inner = new MemoryStream();
        using var watched = new WatchedStream(inner);

        watched.Written.Should().BeFalse();
        watched.Write([], 0, 0);
        watched.Write(ReadOnlySpan<byte>.Empty);
        watched.Flush();
        watched.Written.Should().BeFalse("nothing has gone out yet");

        watched.Write("{\n"u8);
        watched.Written.Should().BeTrue();
        inner.ToArray().Should().Equal("{\n"u8.ToArray());
    }

    [Fact]
    public void Stream_CountsAByteWrittenAlone_AndOneUnderAStreamWriter()
    {
        using var inner = new MemoryStream();
        using var watched = new WatchedStream(inner);
        watched.WriteByte((byte)'x');
        watched.Written.Should().BeTrue();

        using var other = new WatchedStream(new MemoryStream());
        using var writer = new StreamWriter(other, new UTF8Encoding(false)) { AutoFlush = true };
        writer.Write("学习");
        other.Written.Should().BeTrue();
    }

    [Fact]
    public void Writer_IsWrittenOnlyOnceACharacterPassesThrough()
    {
        using var inner = new StringWriter();
        using var watched = new WatchedWriter(inner);

        watched.Write("");
        watched.Write((string?)null);
        watched.Write(ReadOnlySpan<char>.Empty);
        watched.Write(Array.Empty<char>(), 0, 0);
        watched.Written.Should().BeFalse();

        watched.Write("单位");
        watched.Written.Should().BeTrue();
        inner.ToString().Should().Be("单位");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Writer_CountsEveryKindOfWrite(int kind)
    {
        using var inner = new StringWriter();
        using var watched = new WatchedWriter(inner);

        switch (kind)
        {
            case 0: watched.Write('a'); break;
            case 1: watched.WriteLine(); break;
            case 2: watched.Write("ab".ToCharArray(), 0, 2); break;
            default: watched.WriteLine("a"); break;
        }

        watched.Written.Should().BeTrue();
        inner.ToString().Should().NotBeEmpty();
    }
}
