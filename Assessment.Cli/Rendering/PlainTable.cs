using Spectre.Console;

namespace Assessment.Cli.Rendering;

/// <summary>A table drawn as Spectre.Console draws it with <see cref="TableBorder.Ascii"/>, a header row and no title,
/// for output that is not a terminal: the same characters, without laying out every cell as a renderable. Only
/// tables Spectre would not wrap are drawn; the caller leaves the others to Spectre.</summary>
internal static class PlainTable
{
    /// <summary>Draws the table if every cell is plain text of one- and two-column characters and the table fits
    /// <paramref name="maxWidth"/>; false (nothing written) otherwise.</summary>
    public static bool TryWrite(TextWriter w, IReadOnlyList<(string Header, bool Right)> columns, IEnumerable<string[]> rows, int maxWidth)
    {
        var widths = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            // A header is markup to Spectre: only headers that read as themselves are drawn here.
            if (columns[i].Header.AsSpan().IndexOfAny('[', ']') >= 0 || (widths[i] = Width(columns[i].Header)) < 0)
            {
                return false;
            }
        }

        var all = rows as IReadOnlyList<string[]> ?? rows.ToList();
        foreach (var row in all)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                var width = Width(row[i]);
                if (width < 0)
                {
                    return false;
                }

                widths[i] = Math.Max(widths[i], width);
            }
        }

        var total = widths.Sum() + (widths.Length * 3) + 1; // a space either side of each cell, a bar after it, one before
        if (total > maxWidth)
        {
            return false;
        }

        var line = new System.Text.StringBuilder(total * 3);
        var outer = "+" + new string('-', total - 2) + "+";
        w.Write(outer);
        w.Write(Environment.NewLine);
        Row(w, line, columns.Select(c => c.Header).ToArray(), columns, widths);
        line.Clear().Append('|');
        for (var i = 0; i < widths.Length; i++)
        {
            line.Append('-', widths[i] + 2).Append(i + 1 < widths.Length ? '+' : '|');
        }

        w.Write(line);
        w.Write(Environment.NewLine);
        foreach (var row in all)
        {
            Row(w, line, row, columns, widths);
        }

        w.Write(outer);
        w.Write(Environment.NewLine);
        return true;
    }

    private static void Row(TextWriter w, System.Text.StringBuilder line, string[] cells, IReadOnlyList<(string Header, bool Right)> columns, int[] widths)
    {
        line.Clear().Append('|');
        for (var i = 0; i < widths.Length; i++)
        {
            var pad = widths[i] - Width(cells[i]);
            line.Append(' ');
            if (columns[i].Right)
            {
                line.Append(' ', pad).Append(cells[i]);
            }
            else
            {
                line.Append(cells[i]).Append(' ', pad);
            }

            line.Append(" |");
        }

        w.Write(line);
        w.Write(Environment.NewLine);
    }

    /// <summary>The columns a text takes, or -1 when it has a character Spectre might measure or draw otherwise: a
    /// control character, half of a surrogate pair, or one of zero or more than two columns.</summary>
    internal static int Width(string text)
    {
        var width = 0;
        foreach (var ch in text)
        {
            if (char.IsControl(ch) || char.IsSurrogate(ch))
            {
                return -1;
            }

            var w = ch.GetCellWidth();
            if (w is < 1 or > 2)
            {
                return -1;
            }

            width += w;
        }

        return width;
    }
}
