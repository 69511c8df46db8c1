using System.Globalization;
using System.Text;
using Assessment.Core.Model;

namespace Assessment.Core.Import;

/// <summary>The value spellings of the export format: booleans, dates, rates, whole numbers, lists. Pure functions.</summary>
internal static class ValueParser
{
    private static readonly char[] ListSeparators = [';', '；', '、', '|'];

    /// <summary>Trims and NFKC-folds a raw value (full-width digits and letters become ASCII).</summary>
    public static string Fold(string raw)
    {
        if (raw.Length == 0)
        {
            return raw;
        }

        var s = IsSurelyStable(raw) ? raw : Nfkc(raw);
        return char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) ? s.Trim() : s;
    }

    /// <summary>NFKC, except for text .NET's normaliser refuses as "invalid Unicode code points" (a lone surrogate, which
    /// a JSON escape such as \uD800 can give, or the noncharacter U+FFFE, which UTF-8 and UTF-16 can carry): left as
    /// it is, for the column's own checks. Thrown out of a reader, it was an internal error.</summary>
    public static string Nfkc(string s)
    {
        try
        {
            return s.IsNormalized(NormalizationForm.FormKC) ? s : s.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return s;
        }
    }

    /// <summary>NFKC-folds text in place when that needs no lookup: every character is surely stable (see
    /// IsSurelyStable) or a full-width ASCII form (U+FF01–U+FF5E, U+3000), which NFKC maps one for one to
    /// ASCII. Without combining marks in the text nothing can compose, so the result is exactly NFKC. False when the
    /// text needs the full normalisation (the span may then be partly folded: fold the original).</summary>
    public static bool TryFoldInPlace(Span<char> s)
    {
        if (System.Text.Ascii.IsValid(s))
        {
            return true;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                s[i] = (char)(c - 0xFEE0);
            }
            else if (c == '\u3000')
            {
                s[i] = ' ';
            }
            else if (!IsSurelyStable(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every character is one NFKC leaves alone for sure: ASCII, CJK unified ideographs, and the CJK
    /// punctuation common in exports. Saves the normalisation check for almost every value; anything else is checked.</summary>
    private static bool IsSurelyStable(ReadOnlySpan<char> s)
    {
        if (System.Text.Ascii.IsValid(s))
        {
            return true;
        }

        foreach (var c in s)
        {
            if (!IsSurelyStable(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSurelyStable(char c) =>
        c < 0x80 || c is >= '\u4E00' and <= '\u9FFF' or '\u3001' or '\u3002' or >= '\u300A' and <= '\u300F'
            or '\u201C' or '\u201D' or '\u2018' or '\u2019' or '\u00B7' or '\u00D7' or '\u221A' or '\u2014';

    /// <summary>Reads 是/否, 有/无, Y/N, yes/no, true/false, 1/0, √/×.</summary>
    public static bool TryBoolean(ReadOnlySpan<char> s, out bool value)
    {
        if (s is "是" or "有" or "1" or "√" || s.Equals("y", StringComparison.OrdinalIgnoreCase)
            || s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return s is "否" or "无" or "0" or "×" || s.Equals("n", StringComparison.OrdinalIgnoreCase)
            || s.Equals("no", StringComparison.OrdinalIgnoreCase) || s.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 and 20240305; the day must exist.</summary>
    public static bool TryDate(ReadOnlySpan<char> s, out DateOnly value)
    {
        value = default;
        if (s.Length == 10 && s[4] == '-' && s[7] == '-')
        {
            // The common case, yyyy-MM-dd, without allocating.
            return TryDigits(s, 0, 4, out var y) && TryDigits(s, 5, 2, out var m) && TryDigits(s, 8, 2, out var d) && TryMake(y, m, d, out value);
        }

        if (s.Length == 8 && TryDigits(s, 0, 8, out _))
        {
            return TryDigits(s, 0, 4, out var y) && TryDigits(s, 4, 2, out var m) && TryDigits(s, 6, 2, out var d) && TryMake(y, m, d, out value);
        }

        // 2024年3月5日, else 2024/3/5, 2024.3.5 or 2024-3-5 (split on the first of - / . in the value).
        Span<Range> parts = stackalloc Range[4];
        int count;
        if (s.EndsWith('日') && s.Contains('年') && s.Contains('月'))
        {
            s = s[..^1];
            count = s.SplitAny(parts, "年月");
        }
        else
        {
            var at = s.IndexOfAny('-', '/', '.');
            if (at < 0)
            {
                return false;
            }

            count = s.Split(parts, s[at]);
        }

        return count == 3 && TryMake(s[parts[0]], s[parts[1]], s[parts[2]], out value);
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = value * 10 + (s[i] - '0');
        }

        return true;
    }

    private static bool TryMake(int year, int month, int day, out DateOnly value)
    {
        value = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryMake(ReadOnlySpan<char> y, ReadOnlySpan<char> m, ReadOnlySpan<char> d, out DateOnly value)
    {
        value = default;
        return y.Length == 4 && m.Length is >= 1 and <= 2 && d.Length is >= 1 and <= 2
            && TryDigits(y, 0, 4, out var year) && TryDigits(m, 0, m.Length, out var month) && TryDigits(d, 0, d.Length, out var day)
            && TryMake(year, month, day, out value);
    }

    /// <summary>Reads a whole number within [min, max]; decimals and signs other than a leading minus are rejected.</summary>
    public static bool TryWhole(ReadOnlySpan<char> s, int min, int max, out int value)
    {
        value = 0;
        var digits = s.StartsWith('-') ? s[1..] : s;
        if (digits.Length is 0 or > 9 || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        value = int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return value >= min && value <= max;
    }

    /// <summary>Reads 0.55, 55% or 55: a % suffix or a bare number above 1 is a percentage; the result must lie in [0, 1].</summary>
    public static bool TryRate(ReadOnlySpan<char> s, out decimal value)
    {
        value = 0;
        var percent = s.EndsWith('%');
        var number = percent ? s[..^1].TrimEnd() : s;
        if (number.Length == 0 || number.Length > 20
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            return false;
        }

        value = percent || d > 1 ? d / 100m : d;
        return value is >= 0 and <= 1;
    }

    /// <summary>Splits a list on ; ； 、 or |, trimming items and dropping empty ones.</summary>
    public static IReadOnlyList<string> List(string s)
    {
        if (s.Length == 0)
        {
            return [];
        }

        var items = new List<string>();
        foreach (var item in Items(s))
        {
            items.Add(item.ToString());
        }

        return items.ToArray();
    }

    /// <summary>The items of a list as <see cref="List"/> splits it, as spans of the value: nothing is allocated.</summary>
    public static ListItems Items(ReadOnlySpan<char> s) => new(s);

    /// <summary>Enumerates the items of a list value (see <see cref="Items"/>).</summary>
    internal ref struct ListItems(ReadOnlySpan<char> s)
    {
        private readonly ReadOnlySpan<char> _s = s;
        private MemoryExtensions.SpanSplitEnumerator<char> _ranges = s.SplitAny(ListSeparators);

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly ListItems GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_ranges.MoveNext())
            {
                var item = _s[_ranges.Current].Trim();
                if (!item.IsEmpty)
                {
                    Current = item;
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Formats a date the canonical way, <c>2024-03-05</c>.</summary>
    public static string Format(DateOnly date) => string.Create(10, date, static (c, d) =>
    {
        // What date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) writes, without its custom-format parser:
        // the read formats a date for each of the tens of thousands of date diagnostics an export can have.
        Digits(c[..4], d.Year);
        c[4] = '-';
        Digits(c.Slice(5, 2), d.Month);
        c[7] = '-';
        Digits(c.Slice(8, 2), d.Day);
    });

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Reads a role list (split like <see cref="List"/>) into flags, without allocating unless a word is unknown.</summary>
    public static bool TryRoles(ReadOnlySpan<char> s, out MemberRole roles, out string? badWord)
    {
        roles = MemberRole.None;
        badWord = null;
        foreach (var word in Items(s))
        {
            if (!Vocabularies.Role.TryParse(word, out var r))
            {
                badWord = word.ToString();
                return false;
            }

            roles |= r;
        }

        return roles != MemberRole.None;
    }
}
