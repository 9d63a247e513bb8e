using System.Text;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax.Inlines;

namespace ClawClip.Roadmap;

/// <summary>Flattens Markdig inlines to plain text: what a reader sees, without markup, HTML or the checkbox.</summary>
internal static class PlainText
{
    /// <summary>
    /// The text of <paramref name="root"/>'s inlines, whitespace runs collapsed to one space and trimmed.
    /// Link and image text stay (not their targets), code keeps its content, HTML is dropped; the tags of
    /// HTML inlines go to <paramref name="html"/> when given, so the caller can look for goal comments.
    /// </summary>
    /// <remarks>Walks with an explicit stack: emphasis can nest thousands deep (<c>****…x…****</c>).</remarks>
    public static string Flatten(ContainerInline? root, List<string>? html = null)
    {
        var text = new StringBuilder();
        var pending = new Stack<Inline>();
        if (root?.FirstChild is { } first)
        {
            pending.Push(first);
        }

        while (pending.TryPop(out var inline))
        {
            // Siblings after children: pushed first, popped last.
            if (inline.NextSibling is { } next)
            {
                pending.Push(next);
            }

            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case HtmlInline tag:
                    html?.Add(tag.Tag);
                    break;
                case TaskList:
                    break;
                case DelimiterInline delimiter:
                    text.Append(delimiter.ToLiteral());
                    break;
                case ContainerInline container when container.FirstChild is { } child:
                    pending.Push(child);
                    break;
            }
        }

        return Collapse(text);
    }

    /// <summary>Whitespace runs to one space, trimmed.</summary>
    private static string Collapse(StringBuilder text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var chunk in text.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = result.Length > 0;
                }
                else
                {
                    if (space)
                    {
                        result.Append(' ');
                        space = false;
                    }

                    result.Append(c);
                }
            }
        }

        return result.ToString();
    }
}
