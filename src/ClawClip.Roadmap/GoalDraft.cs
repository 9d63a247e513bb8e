namespace ClawClip.Roadmap;

/// <summary>A task-list item as collected from the document, before ids are settled.</summary>
/// <param name="Text">Plain text, as <see cref="Core.Goals.RoadmapGoal.Text"/>.</param>
/// <param name="Done">Whether the box is checked.</param>
/// <param name="Headings">The heading path above the item.</param>
/// <param name="Parent">Index of the nearest enclosing task-list item among the drafts, or -1.</param>
/// <param name="Path">Normalized texts of the enclosing task-list items and the item's own, outermost first, joined by '\n'.</param>
/// <param name="Slug">The slug of the item's goal comment, when it has one (checked).</param>
/// <param name="Line">1-based line of the list marker.</param>
internal sealed record GoalDraft(string Text, bool Done, IReadOnlyList<string> Headings, int Parent, string Path, string? Slug, int Line);
