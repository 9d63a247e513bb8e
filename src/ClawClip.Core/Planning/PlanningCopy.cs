namespace ClawClip.Core.Planning;

/// <summary>The planner's copy of the repository.</summary>
/// <param name="Path">The folder: the planner's working directory and all it may change.</param>
/// <param name="Borrowed">Folders outside it the copy reads and must not change (the repository's object store): bound read-only.</param>
public sealed record PlanningCopy(string Path, IReadOnlyList<string> Borrowed);
