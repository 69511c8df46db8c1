using Assessment.Core.Import;
using Assessment.Core.Model;

namespace Assessment.Tests.Core;

public sealed class ValueParserTests
{
    /// <summary>Text .NET's normaliser refuses (a lone surrogate, the noncharacter U+FFFE) is kept as it is, trimmed,
    /// instead of throwing: found by the export fuzzer (seed 1718), random bytes in a UTF-16 file gave U+FFFE.</summary>
    [Theory]
    [InlineData(" 名\uFFFE称 ", "名\uFFFE称")]
    [InlineData("ＡＢ", "AB")]
    public void Fold_TextTheNormaliserRefuses_IsKeptAsItIs(string raw, string folded) => ValueParser.Fold(raw).Should().Be(folded);

    [Fact]
    public void Fold_ALoneSurrogate_IsKeptAsItIs()
    {
        // Built here: xUnit's test data would turn a lone surrogate into U+FFFD on the way.
        var high = "\uD800ＡＢ";
        var low = "ＡＢ\uDC00";

        ValueParser.Fold(high).Should().Be(high);
        ValueParser.Fold(low).Should().Be(low);
    }

    [Theory]
    [InlineData("是", true)] [InlineData("否", false)] [InlineData("有", true)] [InlineData("无", false)]
    [InlineData("Y", true)] [InlineData("n", false)] [InlineData("YES", true)] [InlineData("no", false)]
    [InlineData("True", true)] [InlineData("false", false)] [InlineData("1", true)] [InlineData("0", false)]
    [InlineData("√", true)] [InlineData("×", false)]
    public void TryBoolean_EverySpelling_Reads(string text, bool expected)
    {
        ValueParser.TryBoolean(ValueParser.Fold(text), out var value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("ok")] [InlineData("2")] [InlineData("对")] [InlineData("yes!")]
    public void TryBoolean_OtherWords_Fails(string text) => ValueParser.TryBoolean(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("2024-03-05")] [InlineData("2024/3/5")] [InlineData("2024.3.5")] [InlineData("2024年3月5日")] [InlineData("20240305")]
    [InlineData("２０２４－０３－０５")] [InlineData("2024-3-05")]
    public void TryDate_EverySpelling_ReadsTheSameDay(string text)
    {
        ValueParser.TryDate(ValueParser.Fold(text), out var d).Should().BeTrue();
        d.Should().Be(new DateOnly(2024, 3, 5));
    }

    [Theory]
    [InlineData("2024-02-30")] [InlineData("2023-02-29")] [InlineData("2024-13-01")] [InlineData("2024/3/5x")] [InlineData("24-3-5")]
    [InlineData("2024-03")] [InlineData("2024035")] [InlineData("3/5/2024")] [InlineData("2024年3月5")] [InlineData("")]
    [InlineData("2024-3-5-1")] [InlineData("2024/3.5")] [InlineData("2024年3月5日日")] [InlineData("2024年3月")] [InlineData("2024..5")]
    [InlineData("2024/003/5")]
    public void TryDate_NotADay_Fails(string text) => ValueParser.TryDate(text, out _).Should().BeFalse();

    [Fact]
    public void TryDate_LeapDay_Reads() => ValueParser.TryDate("2024-02-29", out _).Should().BeTrue();

    [Theory]
    [InlineData("0.55", "0.55")] [InlineData("55%", "0.55")] [InlineData("55", "0.55")] [InlineData("1", "1")]
    [InlineData("100", "1")] [InlineData("0", "0")] [InlineData("0.5%", "0.005")] [InlineData("55 %", "0.55")] [InlineData("５５％", "0.55")]
    public void TryRate_EverySpelling_Reads(string text, string expected)
    {
        ValueParser.TryRate(ValueParser.Fold(text), out var r).Should().BeTrue();
        r.Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("101")] [InlineData("120%")] [InlineData("-0.1")] [InlineData("abc")] [InlineData("%")] [InlineData("1e3")]
    public void TryRate_OutsideZeroToOne_Fails(string text) => ValueParser.TryRate(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("120", 0, 1440, true)] [InlineData("1440", 0, 1440, true)] [InlineData("1441", 0, 1440, false)]
    [InlineData("1.5", 0, 1440, false)] [InlineData("120.0", 0, 1440, false)] [InlineData("-1", 0, 1440, false)]
    [InlineData("99999999999", 0, 1440, false)] [InlineData("1999", 2000, 2100, false)] [InlineData("２０２４", 2000, 2100, true)]
    public void TryWhole_RangeAndForm(string text, int min, int max, bool ok) =>
        ValueParser.TryWhole(ValueParser.Fold(text), min, max, out _).Should().Be(ok);

    [Fact]
    public void List_EverySeparator_Splits() =>
        ValueParser.List(ValueParser.Fold("创新理论;党史；法律法规、四史| 党章党规党纪 ;;")).Should()
            .Equal("创新理论", "党史", "法律法规", "四史", "党章党规党纪");

    [Fact]
    public void TryRoles_SeveralRolesAndAliases_CombinesFlags()
    {
        ValueParser.TryRoles("党委书记；宣传委员", out var roles, out _).Should().BeTrue();
        roles.Should().Be(MemberRole.Secretary | MemberRole.PropagandaLead);
    }

    /// <summary>Lists are split by one enumerator (roles, content tags and List alike); it must split as
    /// String.Split with the list separators, trimming entries and dropping empty ones, did before.</summary>
    [Fact]
    public void List_SplitsAsStringSplitWithTrimAndRemoveEmpty()
    {
        char[] pool = [';', '；', '、', '|', ' ', '\t', '\u3000', '\u00a0', 'a', '党', '史', ',', '/'];
        char[] separators = [';', '；', '、', '|'];
        var random = new Random(20261128);
        for (var n = 0; n < 20_000; n++)
        {
            var s = new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pool[random.Next(pool.Length)]).ToArray());
            ValueParser.List(s).Should().Equal(s.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), s);
        }
    }

    [Fact]
    public void TryRoles_UnknownWord_NamesIt()
    {
        ValueParser.TryRoles("书记;主任", out _, out var bad).Should().BeFalse();
        bad.Should().Be("主任");
    }

    [Theory]
    [InlineData("集体学习", SessionForm.Collective)] [InlineData("专题研讨", SessionForm.Collective)] [InlineData("专家辅导", SessionForm.Lecture)]
    [InlineData("辅导报告", SessionForm.Lecture)] [InlineData("实地调研", SessionForm.Field)] [InlineData("现场教学", SessionForm.Field)]
    [InlineData("参观学习", SessionForm.Field)] [InlineData("视频学习", SessionForm.Online)] [InlineData("ONLINE", SessionForm.Online)]
    public void Form_Aliases_Read(string word, SessionForm expected)
    {
        Vocabularies.Form.TryParse(word, out var f).Should().BeTrue();
        f.Should().Be(expected);
    }

    [Theory]
    [InlineData("新思想", ContentTag.InnovationTheory)] [InlineData("习近平新时代中国特色社会主义思想", ContentTag.InnovationTheory)]
    [InlineData("四史", ContentTag.PartyHistory)] [InlineData("party_rules", ContentTag.PartyRules)] [InlineData("Law", ContentTag.Law)]
    public void Tag_Aliases_Read(string word, ContentTag expected)
    {
        Vocabularies.Tag.TryParse(word, out var t).Should().BeTrue();
        t.Should().Be(expected);
    }

    [Theory]
    [InlineData("参加", AttendanceStatus.Present)] [InlineData("到会", AttendanceStatus.Present)] [InlineData("Leave", AttendanceStatus.Leave)] [InlineData("缺席", AttendanceStatus.Absent)]
    public void Status_Aliases_Read(string word, AttendanceStatus expected)
    {
        Vocabularies.Status.TryParse(word, out var s).Should().BeTrue();
        s.Should().Be(expected);
    }

    public static TheoryData<string> VocabularyNames => new() { "Role", "Form", "Tag", "Status", "Speech", "Output", "Level", "Document", "Event", "Finding" };

    /// <summary>Every vocabulary, through its untyped face: each entry reads back from its label and code (codes in any
    /// case, from a string and from a span), gives back its labels, and the entries come in the enum's order.</summary>
    [Theory]
    [MemberData(nameof(VocabularyNames))]
    public void Vocabulary_EveryEntry_RoundTrips(string name)
    {
        var vocabulary = typeof(Vocabularies).GetProperty(name)!.GetValue(null)!;
        var check = typeof(ValueParserTests).GetMethod(nameof(RoundTrip), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(vocabulary.GetType().GetGenericArguments()[0]);
        check.Invoke(null, [vocabulary]);
    }

    private static void RoundTrip<T>(Vocabulary<T> vocabulary) where T : struct, Enum
    {
        var declared = Enum.GetValues<T>().Where(v => !typeof(T).IsDefined(typeof(FlagsAttribute), false) || Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0).ToArray();
        vocabulary.Entries.Select(e => e.Value).Should().Equal(declared);
        foreach (var (value, zh, en) in vocabulary.Entries)
        {
            vocabulary.Zh(value).Should().Be(zh);
            vocabulary.En(value).Should().Be(en);
            vocabulary.Label(value, "en").Should().Be(en);
            vocabulary.Label(value, "zh").Should().Be(zh);
            foreach (var word in new[] { zh, en, en.ToUpperInvariant() })
            {
                vocabulary.TryParse(word, out var read).Should().BeTrue(word);
                read.Should().Be(value);
                vocabulary.TryParse(word.AsSpan(), out var fromSpan).Should().BeTrue(word);
                fromSpan.Should().Be(value);
            }
        }

        vocabulary.TryParse("不是词", out _).Should().BeFalse();
        vocabulary.TryParse("不是词".AsSpan(), out _).Should().BeFalse();
    }

    private enum Small : byte
    {
        One = 1,
    }

    [Fact]
    public void Vocabulary_OfAnEnumThatIsNotAnInt_IsRefused() =>
        FluentActions.Invoking(() => new Vocabulary<Small>((Small.One, "一", "one", [])))
            .Should().Throw<InvalidOperationException>().WithMessage("*int*");

    [Fact]
    public void Vocabulary_ValueWithoutLabel_Throws()
    {
        var both = MemberRole.Secretary | MemberRole.Member;
        FluentActions.Invoking(() => Vocabularies.Role.Zh(both)).Should().Throw<KeyNotFoundException>();
        FluentActions.Invoking(() => Vocabularies.Role.En((MemberRole)64)).Should().Throw<KeyNotFoundException>();
        FluentActions.Invoking(() => Vocabularies.Form.En((SessionForm)(-1))).Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void Format_WritesWhatTheInvariantCustomFormatWrites()
    {
        // Every day of years at the edges of DateOnly and of the export's range, and a sample of days across the rest.
        var days = new[] { 1, 9, 10, 99, 100, 999, 1000, 1999, 2024, 2025, 9998, 9999 }
            .SelectMany(y => Enumerable.Range(0, DateTime.IsLeapYear(y) ? 366 : 365).Select(d => new DateOnly(y, 1, 1).AddDays(d)))
            .Concat(Enumerable.Range(0, 20_000).Select(i => DateOnly.FromDayNumber(i * 182)))
            .ToList();

        days.Select(ValueParser.Format).Should().Equal(days.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
