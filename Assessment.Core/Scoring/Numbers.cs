using System.Globalization;

namespace Assessment.Core.Scoring;

/// <summary>Exact arithmetic and number formatting shared by every item: one rounding, half away from zero, 2 decimals.</summary>
internal static class Numbers
{
    /// <summary>Rounds an item's exact score once: half away from zero to 2 decimals.</summary>
    public static decimal Round(decimal exact) => Math.Round(exact, 2, MidpointRounding.AwayFromZero);

    /// <summary>Clamps a score into [0, max].</summary>
    public static decimal Clamp(decimal value, decimal max) => Math.Min(max, Math.Max(0, value));

    /// <summary>A number without trailing zeros, e.g. 1.5, 3, 0.25.</summary>
    public static string Format(decimal value)
    {
        Span<byte> text = stackalloc byte[MaxFormattedLength];
        return System.Text.Encoding.ASCII.GetString(text[..FormatUtf8(value, text)]);
    }

    /// <summary>The most bytes <see cref="FormatUtf8"/> writes.</summary>
    public const int MaxFormattedLength = 48;

    /// <summary>The text of <see cref="Format"/> as UTF-8 (ASCII) into <paramref name="destination"/>; returns its length.
    /// Written without the division that normalises a decimal's scale (<c>value / 1.000…m</c>), which cost more than
    /// the rest: every item's explanation and every number of the JSON is formatted.</summary>
    public static int FormatUtf8(decimal value, Span<byte> destination)
    {
        // Scores, maxima, counts and rounded shares have a small mantissa: written digit by digit, without the
        // general decimal formatter (about half the cost of every explanation and of the JSON's numbers).
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[1] == 0 && bits[2] == 0)
        {
            return SmallUtf8((uint)bits[0], value.Scale, bits[3] < 0, destination);
        }

        value.TryFormat(destination, out var n, default, CultureInfo.InvariantCulture);
        var s = destination[..n];
        if (s.Contains((byte)'.'))
        {
            s = s.TrimEnd((byte)'0').TrimEnd((byte)'.');
        }

        if (s.Length == 2 && s[0] == (byte)'-' && s[1] == (byte)'0')
        {
            destination[0] = (byte)'0';
            return 1;
        }

        return s.Length;
    }

    /// <summary>mantissa / 10^scale without trailing zeros; no sign for zero.</summary>
    private static int SmallUtf8(uint mantissa, int scale, bool negative, Span<byte> destination)
    {
        var n = 0;
        if (negative && mantissa != 0)
        {
            destination[n++] = (byte)'-';
        }

        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        // The digits of the mantissa, then a point before the last `scale` of them (zeros first if it is shorter).
        Span<byte> digits = stackalloc byte[10];
        var count = 0;
        do
        {
            digits[count++] = (byte)('0' + (mantissa % 10));
            mantissa /= 10;
        }
        while (mantissa != 0);

        for (var i = count - 1; i >= scale; i--)
        {
            destination[n++] = digits[i];
        }

        if (count <= scale)
        {
            destination[n++] = (byte)'0';
        }

        if (scale > 0)
        {
            destination[n++] = (byte)'.';
            for (var i = scale - 1; i >= 0; i--)
            {
                destination[n++] = i < count ? digits[i] : (byte)'0';
            }
        }

        return n;
    }

    /// <summary>A share as a percentage rounded to one decimal for explanations, e.g. 75%, 66.7%.</summary>
    public static string Percent(decimal share)
    {
        Span<byte> text = stackalloc byte[MaxFormattedLength];
        return System.Text.Encoding.ASCII.GetString(text[..PercentUtf8(share, text)]);
    }

    /// <summary>The text of <see cref="Percent(decimal)"/> as UTF-8 (ASCII); returns its length.</summary>
    public static int PercentUtf8(decimal share, Span<byte> destination)
    {
        var n = FormatUtf8(Math.Round(share * 100, 1, MidpointRounding.AwayFromZero), destination);
        destination[n] = (byte)'%';
        return n + 1;
    }
}
