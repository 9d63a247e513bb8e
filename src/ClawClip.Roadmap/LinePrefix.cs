namespace ClawClip.Roadmap;

/// <summary>
/// The container prefix of one line (block quotes, list markers, indentation) and an upper bound on how
/// deeply the line's blocks can be nested.
/// </summary>
/// <remarks>
/// Each block-quote marker and each list marker is one level. Leading whitespace counts one level per two
/// columns (tabs to the next multiple of four), because a nested list item needs at least two columns of
/// indentation under its parent; trailing whitespace does not count. Up to four columns after a list
/// marker belong to the marker. Lines are read alone, so a fenced code block's content is counted too:
/// the bound errs high, never low.
/// </remarks>
/// <param name="Depth">The bound; measuring stops once it passes the limit.</param>
/// <param name="ContentStart">Index of the first character after the prefix.</param>
/// <param name="Kind">What follows the prefix.</param>
internal readonly record struct LinePrefix(int Depth, int ContentStart, LineKind Kind)
{
    private const int MaxOrderedDigits = 9;

    private const int MaxMarkerPadding = 4;

    public static LinePrefix Measure(ReadOnlySpan<char> line, int limit)
    {
        var column = 0;
        var whitespace = 0;
        var markers = 0;
        var listItem = false;
        var i = 0;
        while (i < line.Length && markers + (whitespace / 2) <= limit)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                var end = i;
                var endColumn = column;
                for (; end < line.Length && line[end] is ' ' or '\t'; end++)
                {
                    endColumn += Width(line[end], endColumn);
                }

                // Whitespace with nothing after it nests nothing: a blank line may carry any amount.
                if (end < line.Length)
                {
                    whitespace += endColumn - column;
                }

                column = endColumn;
                i = end;
            }
            else if (c == '>')
            {
                markers++;
                column++;
                i++;
                if (i < line.Length && line[i] == ' ')
                {
                    column++;
                    i++;
                }
            }
            else if (ListMarkerLength(line[i..]) is var length and > 0)
            {
                if (c is '-' or '*' && IsThematicBreak(line[i..], c))
                {
                    return new LinePrefix(markers + (whitespace / 2), i, LineKind.ThematicBreak);
                }

                markers++;
                listItem = true;
                column += length;
                i += length;
                for (var padding = 0; i < line.Length && line[i] is ' ' or '\t' && padding < MaxMarkerPadding; i++)
                {
                    var width = Width(line[i], column);
                    column += width;
                    padding += width;
                }
            }
            else
            {
                break;
            }
        }

        var depth = markers + (whitespace / 2);
        var content = line[i..];
        var kind = content.IsWhiteSpace() ? LineKind.Blank
            : listItem ? LineKind.ListItem
            : IsAtxHeading(content) ? LineKind.Heading
            : LineKind.Text;
        return new LinePrefix(depth, i, kind);
    }

    private static int Width(char c, int column) => c == '\t' ? 4 - (column % 4) : 1;

    /// <summary>The length of a list marker at the start of <paramref name="text"/> (<c>-</c>, <c>*</c>, <c>+</c>, <c>1.</c>, <c>1)</c>), or 0.</summary>
    private static int ListMarkerLength(ReadOnlySpan<char> text)
    {
        var length = 0;
        if (text[0] is '-' or '*' or '+')
        {
            length = 1;
        }
        else
        {
            while (length < text.Length && length <= MaxOrderedDigits && char.IsAsciiDigit(text[length]))
            {
                length++;
            }

            if (length is 0 or > MaxOrderedDigits || length == text.Length || text[length] is not ('.' or ')'))
            {
                return 0;
            }

            length++;
        }

        // A marker needs a space, a tab or the end of the line after it: "-x" is text.
        return length == text.Length || text[length] is ' ' or '\t' ? length : 0;
    }

    /// <summary>Whether the rest of the line is a thematic break of <paramref name="c"/>: three or more, spaces allowed between.</summary>
    private static bool IsThematicBreak(ReadOnlySpan<char> rest, char c)
    {
        var count = 0;
        foreach (var x in rest)
        {
            if (x == c)
            {
                count++;
            }
            else if (x is not (' ' or '\t'))
            {
                return false;
            }
        }

        return count >= 3;
    }

    private static bool IsAtxHeading(ReadOnlySpan<char> content)
    {
        var hashes = content.Length - content.TrimStart('#').Length;
        return hashes is >= 1 and <= 6 && (hashes == content.Length || content[hashes] is ' ' or '\t');
    }
}
