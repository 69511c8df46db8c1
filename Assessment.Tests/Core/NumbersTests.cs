using System.Globalization;
using Assessment.Core.Scoring;

namespace Assessment.Tests.Core;

public sealed class NumbersTests
{
    // The definition Format replaced: dividing by one normalises the scale, i.e. drops trailing zeros.
    private static string ByDivision(decimal d) => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("3", "3")]
    [InlineData("3.00", "3")]
    [InlineData("83.50", "83.5")]
    [InlineData("0.25", "0.25")]
    [InlineData("-1.10", "-1.1")]
    [InlineData("0.000", "0")]
    [InlineData("100", "100")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    public void Format_DropsTrailingZeros(string value, string expected) =>
        Numbers.Format(decimal.Parse(value, CultureInfo.InvariantCulture)).Should().Be(expected);

    [Fact]
    public void Format_NegativeZero_IsZero()
    {
        var negativeZero = new decimal(0, 0, 0, true, 2);

        Numbers.Format(negativeZero).Should().Be(ByDivision(negativeZero)).And.Be("0");
    }

    [Fact]
    public void Format_EqualsTheDivisionDefinition_OnRandomValuesOfEveryScale()
    {
        var random = new Random(1128);
        for (var i = 0; i < 200_000; i++)
        {
            var d = new decimal(random.Next(), random.Next(3) == 0 ? random.Next() : 0, random.Next(4) == 0 ? random.Next() : 0,
                random.Next(2) == 0, (byte)random.Next(29));
            if (random.Next(3) == 0)
            {
                d = Math.Round(d, random.Next(5)); // plenty of trailing zeros and whole numbers
            }

            Numbers.Format(d).Should().Be(ByDivision(d), "for {0} (scale {1})", d, d.Scale);
        }
    }
}
