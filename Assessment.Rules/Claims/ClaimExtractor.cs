using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Assessment.Rules.Claims;

/// <summary>Finds the claims and placeholders of a report, paragraph by paragraph. A claim's stance comes from the
/// sentence itself (negation: shortcoming; 下一步, 今后, 要进一步, 将继续: planned) and otherwise from the part of the
/// report it stands in, which a "problems" or "next steps" sentence or heading opens; a plan is never an achievement.</summary>
internal static class ClaimExtractor
{
    private static Regex R(string pattern) => new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Regex Sentences = R("[^。！？!?；;]+[。！？!?；;]?");
    private static readonly Regex Clauses = R("[^，,：:]+");
    private static readonly Regex Negated = R("不够|不到位|有待|未能|不足|不多|不深|不大|欠缺|薄弱|不高|偏少|较少|不强|不平衡|不规范");
    private static readonly Regex Planned = R("下一步|今后|将继续|将进一步|要进一步|要继续|要加强|要坚持|力争|拟于|确保|计划于|明年");
    private static readonly Regex ProblemsPart = R("存在[^。]{0,8}(问题|不足)|问题和不足|不足之处|差距和不足|主要问题|短板");
    private static readonly Regex PlannedPart = R("下一步[^。]{0,6}(工作|打算|计划|措施)?|今后[^。]{0,4}(工作|打算)|努力方向|工作打算");
    private static readonly Regex EachMember = R("每位|每名|每个成员|每一位");
    private static readonly Regex AllWords = R("均|全部|每位|每名|每个成员|每次|所有|全体|一律|都");
    private static readonly Regex Rate = R(@"(?<n>\d+(?:\.\d+)?)\s*%|百分之(?<c>[零一二两三四五六七八九十百]+)");
    private static readonly Regex Quantity = R(@"_+\s*(?:余次|次|天|月|日|年|位|篇|人|项|条)|[Xx]{1,3}\s*(?:篇|次|人|位|项|条|年)|20[\*]{2,3}\s*年");
    private static readonly Regex Name = R(@"_{2,}\s*(?:厅|省委|市委|县委|区委|局|镇|部)|[Xx]{2}\s*(?:党委|党组|市|县|区|省|镇)|\*{3}\s*(?:市|县|区|省)|《_+》|_{4,}");

    public static ClaimReport Read(string file, IReadOnlyList<string> paragraphs)
    {
        var claims = new List<Claim>();
        var placeholders = new List<Placeholder>();
        var part = "achieved";
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var line = i + 1;
            var text = Fold(paragraphs[i]);
            placeholders.AddRange(Placeholders(text, line));
            foreach (Match sentence in Sentences.Matches(text))
            {
                var s = sentence.Value;
                if (ProblemsPart.IsMatch(s))
                {
                    part = "shortcoming";
                }
                else if (PlannedPart.IsMatch(s) && (s.Length < 40 || PlannedPart.Match(s).Index < 4))
                {
                    part = "planned"; // a "next steps" heading or a sentence opening with it
                }

                // A clause that plans (确保, 要进一步 ...) makes the rest of its sentence planned too.
                var stance = part;
                foreach (Match clause in Clauses.Matches(s))
                {
                    var c = clause.Value.Trim();
                    if (Planned.IsMatch(c) && stance == "achieved")
                    {
                        stance = "planned";
                    }

                    claims.AddRange(ClaimsIn(c, s, text, line, stance));
                }
            }
        }

        return new ClaimReport(file, claims.DistinctBy(c => (c.Kind, c.Line, c.Value, c.Text)).ToArray(), placeholders);
    }

    private static IEnumerable<Claim> ClaimsIn(string clause, string sentence, string paragraph, int line, string part)
    {
        foreach (var kind in ClaimKinds.All)
        {
            var trigger = kind.Trigger.Match(clause);
            if (!trigger.Success || (kind.Context is not null && !kind.Context.IsMatch(paragraph)))
            {
                continue;
            }

            var (value, comparator) = ValueOf(kind, clause, sentence, trigger);
            if (value is null)
            {
                continue;
            }

            yield return new Claim(kind.Kind, kind.Item, value, comparator, StanceOf(clause, sentence, part), line, clause);
        }
    }

    /// <summary>A negation anywhere in the sentence makes it a shortcoming; a plan in the clause makes it planned;
    /// otherwise the part of the report (and of the sentence, after a planning clause) decides.</summary>
    internal static string StanceOf(string clause, string sentence, string part) =>
        Negated.IsMatch(sentence) ? "shortcoming" : Planned.IsMatch(clause) ? "planned" : part;

    /// <summary>The percentage a rate states; null for digits too many for a number (a garbled report), which then
    /// state no rate.</summary>
    private static decimal? PercentOf(Match rate) =>
        !rate.Groups["n"].Success ? Numerals.Parse(rate.Groups["c"].Value) ?? 0
        : decimal.TryParse(rate.Groups["n"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n
        : null;

    private static (object? Value, string? Comparator) ValueOf(ClaimKind kind, string clause, string sentence, Match trigger)
    {
        if (kind.Modes.HasFlag(ValueModes.Rate) && Rate.Match(clause) is { Success: true } rate && PercentOf(rate) is { } percent)
        {
            var comparator = Regex.IsMatch(clause, "高于|超过|大于") ? ">"
                : Regex.IsMatch(clause, "不低于|以上|不少于|达到|达") ? "≥"
                : Regex.IsMatch(clause, "低于|以下|不超过|不足") ? "≤"
                : "=";
            return (percent / 100m, comparator);
        }

        if (kind.Modes.HasFlag(ValueModes.All) && (AllWords.IsMatch(clause) || EachMember.IsMatch(sentence)))
        {
            return ("all", null);
        }

        if (kind.Modes.HasFlag(ValueModes.Count))
        {
            var counts = new Regex(@"(?<n>\d+|[零〇一二两三四五六七八九十百千]+|_+|[Xx]{1,3}|\*{2,3})\s*余?(?:" + kind.Units + ")");
            var nearest = counts.Matches(clause).OrderBy(m => Math.Abs(m.Index - trigger.Index)).FirstOrDefault();
            if (nearest is not null)
            {
                var n = nearest.Groups["n"].Value;
                if (n[0] is '_' or 'X' or 'x' or '*')
                {
                    return ("unfilled", null);
                }

                if (Numerals.Parse(n) is { } count)
                {
                    var per = sentence.Contains("每季度", StringComparison.Ordinal) ? 4 : sentence.Contains("每月", StringComparison.Ordinal) ? 12 : sentence.Contains("每半年", StringComparison.Ordinal) ? 2 : 1;
                    return (count * per, null);
                }
            }
        }

        return kind.Modes.HasFlag(ValueModes.Present) ? ("present", null) : (null, null);
    }

    private static IEnumerable<Placeholder> Placeholders(string text, int line)
    {
        var taken = new List<(int Start, int End)>();
        foreach (Match m in Quantity.Matches(text))
        {
            taken.Add((m.Index, m.Index + m.Length));
            yield return new Placeholder("quantity", line, m.Value);
        }

        foreach (Match m in Name.Matches(text))
        {
            if (!taken.Any(t => m.Index < t.End && t.Start < m.Index + m.Length))
            {
                yield return new Placeholder("name", line, m.Value);
            }
        }
    }

    private static string Fold(string s)
    {
        var folded = Assessment.Core.Import.ValueParser.Nfkc(s);
        return folded.Replace('＊', '*').Trim();
    }
}
