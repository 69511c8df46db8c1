using System.Buffers;
using System.Text;

namespace Assessment.Cli.Rendering;

/// <summary>Text from the input as a terminal shows it safely.</summary>
internal static class PlainText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007f', .. Enumerable.Range(0x80, 0x20).Select(c => (char)c),
         '\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']);

    /// <summary>Text from the input (names, ids, explanations quoting values, diagnostics, a report's sentences) for a
    /// terminal or a plain-text file: a control character would be obeyed by the terminal (an escape sequence in a
    /// unit's name can recolour or clear the screen, or hide the text after it) and a bidirectional override would
    /// reorder what follows it. Line breaks and tabs become spaces; other control characters are shown as their Unicode
    /// pictures (ESC as ␛); C1 controls and bidirectional controls as �. Everything else is left as it is.</summary>
    public static string Printable(string s)
    {
        if (s.AsSpan().IndexOfAny(Unsafe) < 0)
        {
            return s;
        }

        var b = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n')
            {
                continue; // one space for a CR LF
            }

            b.Append(c switch
            {
                '\t' or '\n' or '\r' => ' ',
                < '\u0020' => (char)(0x2400 + c),
                '\u007f' => '\u2421',
                _ when Unsafe.Contains(c) => '\ufffd',
                _ => c,
            });
        }

        return b.ToString();
    }
}
