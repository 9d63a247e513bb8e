namespace ClawClip.Core.Goals;

/// <summary>
/// One goal read from ROADMAP.md: a GitHub task-list item (<c>- [ ] …</c> or <c>- [x] …</c>).
/// </summary>
/// <param name="Id">Stable across edits to other items; see the reader for the rule.</param>
/// <param name="Text">The item's own text as plain text: inline markdown flattened, the checkbox and any HTML comment removed, whitespace collapsed.</param>
/// <param name="Done">Whether the box is checked.</param>
/// <param name="Headings">The headings above the item, outermost first (<c>["Roadmap", "Q1", "Storage"]</c>).</param>
/// <param name="Parent">The nearest enclosing task-list item, for a sub-goal; null for a top-level goal.</param>
/// <param name="Line">1-based line of the item's list marker.</param>
public sealed record RoadmapGoal(GoalId Id, string Text, bool Done, IReadOnlyList<string> Headings, GoalId? Parent, int Line);
