namespace ClawClip.Core.Lineage;

/// <summary>
/// One path under <c>state/</c> that a transition wrote or removed, relative to <c>state/</c> and with
/// <c>/</c> separators (<c>tasks/claimed/00/T-0007.json</c>).
/// </summary>
/// <param name="Path">The path, relative to <c>state/</c>.</param>
/// <param name="Content">The file's new content; null when the transition removed it.</param>
public sealed record StateChange(string Path, string? Content)
{
    public bool IsDeletion => Content is null;
}
