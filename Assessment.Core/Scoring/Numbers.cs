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

    /// <summary>A share num/den as a percentage (0 when den is 0).</summary>
    public static string Percent(int num, int den) => den == 0 ? "0%" : Percent((decimal)num / den);
}
