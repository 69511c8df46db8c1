using Assessment.Core.Scoring;

namespace Assessment.Rules.Engine;

/// <summary>Builds the outcome facts that rules insert: one rounding per item, the score appended to the explanation.</summary>
internal static class Outcomes
{
    /// <summary>For explanations given as strings; the interpolations here bind to the overload below.</summary>
    public static ItemOutcome Score(RubricItem item, decimal exact, string zh, string en, IEnumerable<string> evidence) =>
        Score(item, exact, $"{zh}", $"{en}", evidence);

    /// <summary>For explanations the rule interpolates: each is written once, the score appended to it, instead of
    /// becoming a string that is then copied into the explanation.</summary>
    public static ItemOutcome Score(RubricItem item, decimal exact, ref Text zh, ref Text en, IEnumerable<string> evidence)
    {
        var score = Numbers.Round(Numbers.Clamp(exact, item.Max));
        return new ItemOutcome(item.Id, score, false,
            new Explanation(zh.WithScore(F(score), F(item.Max)), en.WithScore(F(score), F(item.Max))), Evidence(evidence));
    }

    /// <summary>An explanation as a rule interpolates it, formatted invariantly.</summary>
    [System.Runtime.CompilerServices.InterpolatedStringHandler]
    public ref struct Text
    {
        private System.Runtime.CompilerServices.DefaultInterpolatedStringHandler _text;

        public Text(int literalLength, int formattedCount) =>
            _text = new(literalLength + 16, formattedCount + 2, System.Globalization.CultureInfo.InvariantCulture);

        public void AppendLiteral(string value) => _text.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

        public void AppendFormatted(string? value) => _text.AppendFormatted(value);

        /// <summary>A number, written as characters: through the generic overload a <see cref="Num"/> is boxed until
        /// the JIT optimises the call, which a process with the runtime's default settings does late (a one-shot
        /// scoring of 20,000 units boxed 72 MB of them).</summary>
        public void AppendFormatted(Num value)
        {
            Span<char> chars = stackalloc char[Numbers.MaxFormattedLength];
            value.TryFormat(chars, out var written, default, null);
            _text.AppendFormatted((ReadOnlySpan<char>)chars[..written]);
        }

        /// <summary>The text as it is; the handler's buffer goes back to its pool.</summary>
        internal string Done() => _text.ToStringAndClear();

        /// <summary>The text with " → score/max" appended; the handler's buffer goes back to its pool.</summary>
        internal string WithScore(Num score, Num max)
        {
            _text.AppendLiteral(" → ");
            AppendFormatted(score);
            _text.AppendLiteral("/");
            AppendFormatted(max);
            return _text.ToStringAndClear();
        }
    }

    /// <summary>An explanation the rule interpolates, with no score appended (vetoes, bonuses): its numbers are
    /// written as <see cref="Text"/> writes them, without boxing.</summary>
    public static Explanation Explain(ref Text zh, ref Text en) => new(zh.Done(), en.Done());

    /// <summary>An item that needs sessions, for a unit with none in the year: 0 with no evidence.</summary>
    public static ItemOutcome NoSessions(RubricItem item) => Score(item, 0, "年内无集体学习", "no sessions in the year", []);

    /// <summary>An item that needs members, for a unit with none: 0 with no evidence.</summary>
    public static ItemOutcome NoMembers(RubricItem item) => Score(item, 0, "无中心组成员", "no group members", []);

    public static ItemOutcome NotApplicable(RubricItem item, string zh, string en, IEnumerable<string> evidence) =>
        new(item.Id, item.Max, true, new Explanation($"{zh} → 不适用", $"{en} → not applicable"), Evidence(evidence));

    /// <summary>The evidence as a list: a list the rule made (such as the shared ids of S or M) is kept, not copied;
    /// nothing changes it afterwards.</summary>
    private static IReadOnlyList<string> Evidence(IEnumerable<string> evidence) => evidence as IReadOnlyList<string> ?? evidence.ToArray();

    /// <summary>The points of the first band the share num/den reaches, compared exactly (num ≥ threshold × den).</summary>
    public static decimal Band(IReadOnlyList<Band> bands, decimal num, decimal den)
    {
        foreach (var b in bands)
        {
            var bar = b.Threshold * den;
            if (b.Strict ? num > bar : num >= bar)
            {
                return b.Points;
            }
        }

        return 0;
    }

    // Numbers for the explanations, formatted straight into the interpolated text: no string of their own.
    public static Num F(decimal d) => new(d, false);

    public static Num F(int n) => new(n, false);

    /// <summary>The share num/den as a percentage; 0 % when den is 0.</summary>
    public static Num Pct(int num, int den) => new(den == 0 ? 0 : (decimal)num / den, true);

    public static Num Pct(decimal share) => new(share, true);

    /// <summary>A number as an explanation shows it: <see cref="Numbers.Format"/>, or as a percentage
    /// <see cref="Numbers.Percent(decimal)"/>. Formatted where it is interpolated, always invariantly.</summary>
    public readonly struct Num(decimal value, bool percent) : ISpanFormattable
    {
        public override string ToString() => percent ? Numbers.Percent(value) : Numbers.Format(value);

        public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

        public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        {
            Span<byte> ascii = stackalloc byte[Numbers.MaxFormattedLength];
            var n = percent ? Numbers.PercentUtf8(value, ascii) : Numbers.FormatUtf8(value, ascii);
            if (n > destination.Length)
            {
                charsWritten = 0;
                return false;
            }

            for (var i = 0; i < n; i++)
            {
                destination[i] = (char)ascii[i];
            }

            charsWritten = n;
            return true;
        }
    }
}
