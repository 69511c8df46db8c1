using System.Buffers;
using System.Text;

namespace Assessment.Cli.Rendering;

/// <summary>Markdown for text that is not Markdown.</summary>
internal static class MarkdownText
{
    private static readonly SearchValues<char> MarkdownSpecial = SearchValues.Create("\\`*_[]<>#~&");

    /// <summary>Text from the input (names, ids, explanations quoting values, diagnostics, a report's sentences) as
    /// Markdown shows it literally: the ASCII punctuation that would start emphasis, a link, inline HTML, code or a
    /// heading is backslash-escaped (CommonMark), and line breaks become spaces. <c>|</c> is left to the table writer,
    /// which escapes it in table cells, where alone it matters.</summary>
    public static string Literal(string s)
    {
        s = PlainText.Printable(s); // a Markdown file is read in a terminal too
        if (s.AsSpan().IndexOfAny(MarkdownSpecial) < 0)
        {
            return s.ReplaceLineEndings(" ");
        }

        var b = new StringBuilder(s.Length + 8);
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];

            // An underscore inside a word (session_id) never starts emphasis: left as it is, for plain-text readers.
            var inWord = ch == '_' && i > 0 && i < s.Length - 1 && char.IsLetterOrDigit(s[i - 1]) && char.IsLetterOrDigit(s[i + 1]);
            if (MarkdownSpecial.Contains(ch) && !inWord)
            {
                b.Append('\\');
            }

            b.Append(ch);
        }

        return b.ToString().ReplaceLineEndings(" ");
    }
}
