namespace ClawClip.Core.Protection;

/// <summary>A path that one commit of a task's range adds, changes or deletes, as its tree has it.</summary>
/// <param name="Path">Relative to the root, <c>/</c>-separated.</param>
/// <param name="Kind">What the commit leaves there.</param>
/// <param name="LinkTarget">For a symlink, what it points to; null for everything else.</param>
public sealed record LandedEntry(string Path, LandedEntryKind Kind, string? LinkTarget);
