namespace ClawClip.Roadmap;

/// <summary>
/// Counts, across the lines of one paragraph, the '[' brackets still open and the emphasis delimiters
/// ('*', '_') that could still open an emphasis. Markdig nests links and emphasis that deep, and its
/// time on them grows faster than the text does.
/// </summary>
/// <remarks>
/// Delimiters follow CommonMark's flanking rules; a closing run closes at most one open run of its own
/// character, and a backslash escapes the next character. Code spans are not skipped, so the counts err high.
/// </remarks>
internal sealed class InlineNesting(int limit)
{
    private int brackets;
    private int asterisks;
    private int underscores;

    /// <summary>A new block starts: nothing is open.</summary>
    public void Reset() => (brackets, asterisks, underscores) = (0, 0, 0);

    /// <summary>Reads one line's inline text; the first limit it passes, or <see cref="InlineExcess.None"/>.</summary>
    public InlineExcess Scan(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\\':
                    i += 2;
                    break;
                case '[':
                    if (++brackets > limit)
                    {
                        return InlineExcess.Brackets;
                    }

                    i++;
                    break;
                case ']':
                    brackets = Math.Max(0, brackets - 1);
                    i++;
                    break;
                case '*' or '_':
                    var end = i + 1;
                    while (end < text.Length && text[end] == c)
                    {
                        end++;
                    }

                    // The start and the end of a line count as whitespace.
                    var before = i == 0 ? ' ' : text[i - 1];
                    var after = end == text.Length ? ' ' : text[end];
                    if (Delimit(c, before, after))
                    {
                        return InlineExcess.Emphasis;
                    }

                    i = end;
                    break;
                default:
                    i++;
                    break;
            }
        }

        return InlineExcess.None;
    }

    /// <summary>Counts one delimiter run; true when the open runs pass the limit.</summary>
    private bool Delimit(char c, char before, char after)
    {
        var leftFlanking = !char.IsWhiteSpace(after) && (!IsPunctuation(after) || char.IsWhiteSpace(before) || IsPunctuation(before));
        var rightFlanking = !char.IsWhiteSpace(before) && (!IsPunctuation(before) || char.IsWhiteSpace(after) || IsPunctuation(after));
        var canOpen = c == '*' ? leftFlanking : leftFlanking && (!rightFlanking || IsPunctuation(before));
        var canClose = c == '*' ? rightFlanking : rightFlanking && (!leftFlanking || IsPunctuation(after));

        ref var open = ref c == '*' ? ref asterisks : ref underscores;
        if (canClose && open > 0)
        {
            open--;
            return false;
        }

        return canOpen && ++open + (c == '*' ? underscores : asterisks) > limit;
    }

    private static bool IsPunctuation(char c) => char.IsPunctuation(c) || char.IsSymbol(c);
}
