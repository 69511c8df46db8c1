using System.CommandLine;
using Assessment.Core.Import;

namespace Assessment.Cli.Commands;

/// <summary>The options shared by the commands that read an export.</summary>
internal static class Options
{
    public static Argument<string?> Path() => new("path")
    {
        Description = "导出数据：CSV 文件夹、.json 或 .xlsx 文件（省略时使用自带样例）/ the export: a folder of CSV files, a .json or an .xlsx file (the shipped sample when omitted)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string> Lang() => new Option<string>("--lang")
    {
        Description = "输出语言 / output language: zh | en",
        DefaultValueFactory = _ => "zh",
    }.AcceptOnlyFromAmong("zh", "en");

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "豁免到期判断日期，默认今天 / the date waiver expiry is judged on (default: today)",
    };

    public static Option<bool> Strict() => new("--strict")
    {
        Description = "将警告视为错误 / turn warnings into row errors",
    };

    public static Option<string?> Encoding() => new("--encoding")
    {
        Description = "强制所有文件使用此编码 / force one encoding for every file (utf-8, gb18030, utf-16...)",
    };

    public static Option<string?> Rubric() => new("--rubric")
    {
        Description = "测评方案：standard | grassroots | 文件.json（覆盖各单位的方案）/ rubric for every unit: standard | grassroots | file.json",
    };

    public static DateOnly ParseAsOf(string? text)
    {
        if (text is null)
        {
            return DateOnly.FromDateTime(DateTime.Today);
        }

        return ValueParser.TryDate(ValueParser.Fold(text), out var d)
            ? d
            : throw new UsageException($"--as-of: “{text}”不是日期 / is not a date (e.g. 2025-01-15)");
    }

    /// <summary>--unit naming units the export does not list (score, claims).</summary>
    public static UsageException NoSuchUnits(IEnumerable<string> ids) =>
        new($"--unit: 导出数据中没有单位 / no such unit in the export: {string.Join(", ", ids)}");

    public static System.Text.Encoding? ParseEncoding(string? name)
    {
        if (name is null)
        {
            return null;
        }

        return TextDecoder.Resolve(name) ?? throw new UsageException($"--encoding: 未知或不支持的编码 / unknown or unsupported encoding “{name}”");
    }
}
