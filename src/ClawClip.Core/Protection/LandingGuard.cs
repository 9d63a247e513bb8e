namespace ClawClip.Core.Protection;

/// <summary>
/// The merge gate's rules on what a task's commits put in the tree, whatever any person approved: no executable and
/// no symlink under a hook folder (<see cref="HookFolders"/>), and no symlink that leads out of the tree or into
/// <c>.git</c> (<see cref="SymlinkTargets"/>) — neither one the range adds, nor one already on the target that the
/// range's links now make lead out. Pure: the adapter reads the commits, this decides.
/// </summary>
public static class LandingGuard
{
    /// <summary>The first thing that stops the range from landing, or null when nothing does.</summary>
    /// <param name="landed">What each commit of the range adds, changes or deletes, oldest first.</param>
    /// <param name="linksAfter">Every symlink of the tree that would land (path → target).</param>
    /// <param name="linksBefore">Every symlink of the target's tree now.</param>
    public static LandingRefusal? Refusal(IReadOnlyList<LandedEntry> landed, IReadOnlyDictionary<string, string> linksAfter, IReadOnlyDictionary<string, string> linksBefore)
    {
        ArgumentNullException.ThrowIfNull(landed);
        ArgumentNullException.ThrowIfNull(linksAfter);
        ArgumentNullException.ThrowIfNull(linksBefore);
        foreach (var entry in landed)
        {
            if (HookFolders.Contains(entry.Path) && entry.Kind is LandedEntryKind.Executable or LandedEntryKind.Symlink)
            {
                var what = entry.Kind == LandedEntryKind.Executable ? "an executable" : "a symlink";
                return new(entry.Path, $"is {what} in a hook folder, which would run in the next person's git commands");
            }

            if (entry is { Kind: LandedEntryKind.Symlink, LinkTarget: { } target } && SymlinkTargets.Problem(entry.Path, target, linksAfter) is { } problem)
            {
                return new(entry.Path, $"is a symlink that {problem}");
            }
        }

        // A link already on the target can be made to lead out by links the range adds beside it (a -> . makes
        // b -> a/a/.. leave the tree); one that led out before is the person's own and stays their business.
        foreach (var (path, target) in linksAfter.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (SymlinkTargets.Problem(path, target, linksAfter) is { } problem && SymlinkTargets.Problem(path, target, linksBefore) is null)
            {
                return new(path, $"is a symlink that, with the links this work adds, {problem}");
            }
        }

        return null;
    }
}
