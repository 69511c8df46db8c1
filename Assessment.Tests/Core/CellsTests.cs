using System.Text;
using Assessment.Core.Import;

namespace Assessment.Tests.Core;

/// <summary>The CSV reader folds values in place from UTF-8 (Cells.SetUtf8); it must give exactly what the string
/// path gives (ValueParser.Fold: NFKC, then trim), whatever the characters.</summary>
public sealed class CellsTests
{
    // ASCII, CJK, the CJK punctuation treated as stable, full-width forms and the ideographic space (folded in
    // place), and characters that need the real normalisation: a combining acute, a circled digit, a ligature,
    // half-width katakana, a compatibility ideograph, the non-breaking space.
    private const string Alphabet = "aZ09 ,;-学习书记、。《》“”·×√—ＡＺａｚ０９－，；：（）％\u3000\u0301①ﬁｶﾞ\uF900\u00A0\t";

    [Fact]
    public void SetUtf8_FoldsExactlyAsTheStringPath()
    {
        var random = new Random(20261128);
        var cells = new Cells(RawTable.Missing(Tables.Sessions, "sessions.csv"));
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(0, 12)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[random.Next(Alphabet.Length)];
            }

            var raw = new string(chars);
            cells.Begin(2);
            cells.SetUtf8(5, Encoding.UTF8.GetBytes(raw));
            var expected = ValueParser.Fold(raw);
            cells.Span(5).ToString().Should().Be(expected, "for the raw value \"{0}\"", raw);
            cells.Text(5).Should().Be(expected);
        }
    }

    [Fact]
    public void IsWhiteSpace_AgreesWithCharIsWhiteSpace_ForEveryChar()
    {
        var differ = Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i)
            .Where(c => Cells.IsWhiteSpace(c) != char.IsWhiteSpace(c)).Select(c => $"U+{(int)c:X4}");
        differ.Should().BeEmpty();
    }

    [Fact]
    public void Text_SharesOneInstancePerId()
    {
        var cells = new Cells(RawTable.Missing(Tables.Attendance, "attendance.csv"));
        cells.Begin(2);
        cells.SetUtf8(0, "U001"u8);
        var first = cells.Text(0);
        cells.Begin(3);
        cells.SetUtf8(0, " Ｕ００１ "u8);
        cells.Text(0).Should().BeSameAs(first);
    }

    [Fact]
    public void Text_SharesIdsNamedAgainAFewRowsOn_AndTellsApartIdsThatEndAlike()
    {
        // Attendance names a unit's members in turn. Ids of the same length and the same last two characters sit in
        // the same slot of the small table of recent ids; they must still be told apart.
        var cells = new Cells(RawTable.Missing(Tables.Attendance, "attendance.csv"));
        string Read(int line, string id)
        {
            cells.Begin(line);
            cells.SetUtf8(2, Encoding.UTF8.GetBytes(id));
            return cells.Text(2);
        }

        var first = Read(2, "U1-M01");
        var other = Read(3, "U2-M01");
        Read(4, "U1-M02");
        var again = Read(5, "U1-M01");
        var otherAgain = Read(6, "U2-M01");

        other.Should().Be("U2-M01");
        again.Should().Be("U1-M01").And.BeSameAs(first);
        otherAgain.Should().Be("U2-M01").And.BeSameAs(other);
        Read(7, "   ").Should().BeEmpty("an id of blanks only is blank");
        Read(8, "M").Should().Be("M");
    }

    [Fact]
    public void Begin_ForgetsTheLastRecord()
    {
        var cells = new Cells(RawTable.Missing(Tables.Attendance, "attendance.csv"));
        cells.Begin(2);
        cells.SetUtf8(3, "出席"u8);
        cells.Error("status", Assessment.Core.Diagnostics.Messages.Required);
        cells.Begin(3);
        cells.Span(3).ToString().Should().BeEmpty();
        cells.HasError.Should().BeFalse();
        cells.TakeDiagnostics().Should().BeNull();
    }
}
