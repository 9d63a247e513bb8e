using ClawClip.Core.Goals;
using static System.FormattableString;

namespace ClawClip.Roadmap;

/// <summary>
/// Refuses text nested past <see cref="RoadmapReader.MaxNesting"/> levels before Markdig sees it: block
/// quotes, list items and indentation (<see cref="LinePrefix"/>), and open brackets and emphasis in a
/// paragraph (<see cref="InlineNesting"/>).
/// </summary>
/// <remarks>
/// Markdig recurses over nested blocks, and a stack overflow ends a .NET process without any catch
/// running. Markdig 1.6 has depth limits of its own (it throws at about 128 block levels); this guard
/// keeps far below them and names the line, and its work is linear in the text.
/// </remarks>
internal static class NestingGuard
{
    public static RoadmapProblem? Check(string sourceName, string text, int limit)
    {
        var inline = new InlineNesting(limit);
        var lineNumber = 0;
        var start = 0;
        while (start <= text.Length)
        {
            lineNumber++;
            var length = text.AsSpan(start).IndexOfAny('\r', '\n');
            var end = length < 0 ? text.Length : start + length;
            var line = text.AsSpan(start, end - start);

            var prefix = LinePrefix.Measure(line, limit);
            if (prefix.Depth > limit)
            {
                return TooDeep(sourceName, lineNumber, Invariant($"nests blocks more than {limit} levels deep (block quotes, list items or indentation)"));
            }

            if (prefix.Kind != LineKind.Text)
            {
                inline.Reset();
            }

            if (prefix.Kind != LineKind.ThematicBreak)
            {
                switch (inline.Scan(line[prefix.ContentStart..]))
                {
                    case InlineExcess.Brackets:
                        return TooDeep(sourceName, lineNumber, Invariant($"has more than {limit} '[' open at once"));
                    case InlineExcess.Emphasis:
                        return TooDeep(sourceName, lineNumber, Invariant($"has more than {limit} emphasis markers ('*' or '_') open at once"));
                }
            }

            if (prefix.Kind == LineKind.Heading)
            {
                inline.Reset();
            }

            if (end == text.Length)
            {
                break;
            }

            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        }

        return null;
    }

    private static RoadmapProblem TooDeep(string sourceName, int line, string what) =>
        new(sourceName, RoadmapProblemKind.TooDeep, Invariant($"{sourceName} line {line} {what}"), line);
}
