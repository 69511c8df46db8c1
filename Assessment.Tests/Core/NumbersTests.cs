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

    [Theory]
    [InlineData("0.75", "75%")]
    [InlineData("0.6666666666666666666666666667", "66.7%")]
    [InlineData("0", "0%")]
    [InlineData("1", "100%")]
    [InlineData("0.0005", "0.1%")]
    [InlineData("-0.0004", "0%")]
    public void Percent_RoundsToOneDecimal(string share, string expected) =>
        Numbers.Percent(decimal.Parse(share, CultureInfo.InvariantCulture)).Should().Be(expected);

    [Fact]
    public void ExplanationNumbers_InterpolatedUnderAnyCulture_AreTheInvariantText()
    {
        // Outcomes.F and Pct format into the interpolated explanation instead of making strings; the text must be
        // what Numbers.Format and Numbers.Percent give, whatever the current culture (decimal comma, other minus).
        var random = new Random(2026);
        var values = Enumerable.Range(0, 20_000).Select(_ => new decimal(random.Next(), random.Next(4) == 0 ? random.Next() : 0, random.Next(8) == 0 ? random.Next() : 0,
            random.Next(2) == 0, (byte)random.Next(29))).Concat([0m, -0.5m, 1m / 3, decimal.MaxValue, decimal.MinValue]).ToArray();
        var culture = CultureInfo.CurrentCulture;
        try
        {
            foreach (var name in new[] { "fr-FR", "ar-SA", "sv-SE" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
                foreach (var d in values)
                {
                    $"[{Assessment.Rules.Engine.Outcomes.F(d)}]".Should().Be($"[{Numbers.Format(d)}]");
                    var share = d / decimal.MaxValue;
                    $"{Assessment.Rules.Engine.Outcomes.Pct(share)}".Should().Be(Numbers.Percent(share));
                }

                $"{Assessment.Rules.Engine.Outcomes.F(-12)} {Assessment.Rules.Engine.Outcomes.Pct(1, 3)} {Assessment.Rules.Engine.Outcomes.Pct(1, 0)}"
                    .Should().Be("-12 33.3% 0%");
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void ExplanationNumbers_TooLittleRoom_AskForMore()
    {
        var n = Assessment.Rules.Engine.Outcomes.F(-1234.5m);

        n.TryFormat(new char[6], out var written, default, null).Should().BeFalse();
        written.Should().Be(0);
        var room = new char[7];
        n.TryFormat(room, out written, default, null).Should().BeTrue();
        new string(room, 0, written).Should().Be("-1234.5");
    }
}
