using System.Diagnostics.CodeAnalysis;
using ClawClip.Core.Goals;
using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using static System.FormattableString;

namespace ClawClip.Roadmap;

/// <summary>Parses Markdown with Markdig and collects its task-list items, with their heading path and enclosing item.</summary>
internal static class GoalCollector
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseTaskLists().Build();

    /// <summary>
    /// The task-list items of <paramref name="text"/> in document order, or a problem: a goal comment that
    /// is not a valid slug, an item with two of them, or text Markdig finds too deeply nested.
    /// </summary>
    /// <remarks>Run <see cref="NestingGuard"/> first: this walks the tree without recursion, but Markdig recurses while parsing.</remarks>
    public static bool TryCollect(
        string sourceName,
        string text,
        [NotNullWhen(true)] out IReadOnlyList<GoalDraft>? drafts,
        [NotNullWhen(false)] out RoadmapProblem? problem)
    {
        drafts = null;
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(text, Pipeline);
        }
        catch (ArgumentException e)
        {
            // Markdig's own depth limit: a backstop behind NestingGuard, reported like the guard's finds.
            problem = new RoadmapProblem(sourceName, RoadmapProblemKind.TooDeep, $"{sourceName} is nested too deeply to parse as Markdown ({e.Message})");
            return false;
        }

        var collected = new List<GoalDraft>();
        var headings = new List<(int Level, string Text)>();
        IReadOnlyList<string> headingPath = [];

        // Each block with the index of the nearest task-list item around it (-1 for none).
        var pending = new Stack<(Block Block, int Goal)>();
        PushChildren(pending, document, -1);
        while (pending.TryPop(out var entry))
        {
            var (block, goal) = entry;
            switch (block)
            {
                case HeadingBlock heading:
                    headings.RemoveAll(h => h.Level >= heading.Level);
                    headings.Add((heading.Level, PlainText.Flatten(heading.Inline)));
                    headingPath = headings.Select(h => h.Text).ToArray().AsReadOnly();
                    break;
                case ListItemBlock item when TaskParagraph(item) is { } paragraph:
                    if (!TryDraft(sourceName, item, paragraph, goal, headingPath, collected, out var draft, out problem))
                    {
                        return false;
                    }

                    collected.Add(draft);
                    PushChildren(pending, item, collected.Count - 1);
                    break;
                case ContainerBlock container:
                    PushChildren(pending, container, goal);
                    break;
            }
        }

        drafts = collected;
        problem = null;
        return true;
    }

    private static void PushChildren(Stack<(Block, int)> pending, ContainerBlock container, int goal)
    {
        for (var i = container.Count - 1; i >= 0; i--)
        {
            pending.Push((container[i], goal));
        }
    }

    /// <summary>
    /// The item's first paragraph when it opens with a checkbox followed by whitespace, as on GitHub
    /// (Markdig alone also takes <c>- [ ]x</c> and a bare <c>- [ ]</c>).
    /// </summary>
    private static ParagraphBlock? TaskParagraph(ListItemBlock item)
    {
        if (item.Count == 0 || item[0] is not ParagraphBlock { Inline.FirstChild: TaskList task } paragraph)
        {
            return null;
        }

        return task.NextSibling switch
        {
            LiteralInline literal when literal.Content.Length > 0 && char.IsWhiteSpace(literal.Content.CurrentChar) => paragraph,
            LineBreakInline => paragraph,
            _ => null,
        };
    }

    private static bool TryDraft(
        string sourceName,
        ListItemBlock item,
        ParagraphBlock paragraph,
        int parent,
        IReadOnlyList<string> headings,
        List<GoalDraft> collected,
        [NotNullWhen(true)] out GoalDraft? draft,
        [NotNullWhen(false)] out RoadmapProblem? problem)
    {
        draft = null;
        var line = item.Line + 1;
        var html = new List<string>();
        var text = PlainText.Flatten(paragraph.Inline, html);
        foreach (var block in item)
        {
            if (block is HtmlBlock htmlBlock)
            {
                html.Add(htmlBlock.Lines.ToString());
            }
        }

        var slugs = new List<string>();
        foreach (var fragment in html)
        {
            GoalComment.Collect(fragment, slugs);
        }

        if (slugs.Count > 1)
        {
            problem = new RoadmapProblem(
                sourceName,
                RoadmapProblemKind.InvalidGoalId,
                Invariant($"{sourceName} line {line}: the item has {slugs.Count} goal comments (<!-- goal: … -->); keep one"),
                line);
            return false;
        }

        string? slug = null;
        if (slugs.Count == 1)
        {
            slug = slugs[0];
            if (!GoalId.TryParse("G-" + slug, out _))
            {
                problem = new RoadmapProblem(
                    sourceName,
                    RoadmapProblemKind.InvalidGoalId,
                    Invariant($"{sourceName} line {line}: '{slug}' is not a goal slug; use lower-case letters, digits and '-', like <!-- goal: faster-builds -->"),
                    line);
                return false;
            }
        }

        var normalized = text.ToLowerInvariant();
        var path = parent < 0 ? normalized : collected[parent].Path + "\n" + normalized;
        draft = new GoalDraft(text, IsChecked(paragraph), headings, parent, path, slug, line);
        problem = null;
        return true;
    }

    private static bool IsChecked(ParagraphBlock paragraph) => paragraph.Inline?.FirstChild is TaskList { Checked: true };
}
