namespace Assessment.Rules.Claims;

/// <summary>Reads the numbers of a report: ASCII and full-width digits (folded before), and Chinese numerals
/// (一, 两, 十二, 二十三, 一百零五).</summary>
internal static class Numerals
{
    private const string Digits = "零〇一二两三四五六七八九";

    public static bool IsChinese(string s) => s.Length > 0 && s.All(c => Digits.Contains(c) || c is '十' or '百' or '千');

    public static int? Parse(string s)
    {
        if (s.Length > 0 && s.All(char.IsAsciiDigit))
        {
            return s.Length <= 9 ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;
        }

        if (!IsChinese(s))
        {
            return null;
        }

        int total = 0, current = 0;
        foreach (var c in s)
        {
            switch (c)
            {
                case '十':
                    total += (current == 0 ? 1 : current) * 10;
                    current = 0;
                    break;
                case '百':
                    total += (current == 0 ? 1 : current) * 100;
                    current = 0;
                    break;
                case '千':
                    total += (current == 0 ? 1 : current) * 1000;
                    current = 0;
                    break;
                default:
                    current = c switch
                    {
                        '一' => 1,
                        '二' or '两' => 2,
                        '三' => 3,
                        '四' => 4,
                        '五' => 5,
                        '六' => 6,
                        '七' => 7,
                        '八' => 8,
                        '九' => 9,
                        _ => 0,
                    };
                    break;
            }
        }

        return total + current;
    }
}
