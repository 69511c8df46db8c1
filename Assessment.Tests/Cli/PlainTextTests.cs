using Assessment.Cli.Rendering;

namespace Assessment.Tests.Cli;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("中共青山县委员会 (U001) [x] *y*", "中共青山县委员会 (U001) [x] *y*")] // nothing to do: the same string
    [InlineData("a\tb", "a b")]
    [InlineData("a\r\nb\nc\rd", "a b c d")] // one space for a CR LF
    [InlineData("\u001b[2J", "␛[2J")]
    [InlineData("\u0000\u0007\u001f", "␀␇␟")]
    [InlineData("a\u007fb", "a␡b")]
    [InlineData("a\u0085b\u009bc", "a\ufffdb\ufffdc")] // C1: NEL, CSI
    [InlineData("\u202e反\u202c \u2066x\u2069 \u200f", "\ufffd反\ufffd \ufffdx\ufffd \ufffd")] // bidirectional controls
    public void Printable_ShowsWhatATerminalWouldObey(string input, string shown) =>
        PlainText.Printable(input).Should().Be(shown);

    [Fact]
    public void Printable_TextWithNothingToShow_IsTheSameInstance()
    {
        var s = "学习强国 100%";

        PlainText.Printable(s).Should().BeSameAs(s, "the common case allocates nothing");
    }
}
