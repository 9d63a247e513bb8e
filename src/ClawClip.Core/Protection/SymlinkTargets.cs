namespace ClawClip.Core.Protection;

/// <summary>
/// Where a symlink in a commit's tree leads, worked out from the tree alone: the target is followed component by
/// component from the link's folder, through every other link of the tree it passes (as the OS would), so that
/// <c>a -&gt; .</c> with <c>b -&gt; a/a/..</c> is seen to leave the tree although <c>a/a/..</c> looks like it stays.
/// A link that leads out of the tree (an absolute target, or <c>..</c> past the root) or into <c>.git</c> hands
/// whoever checks it out a path to <c>/etc/passwd</c>, <c>../../state</c> or the repository's config.
/// </summary>
public static class SymlinkTargets
{
    // Linux gives up (ELOOP) after 40 links; a loop leads nowhere, so it is harmless.
    private const int MaxLinks = 40;

    /// <summary>Why the link at <paramref name="linkPath"/> leads somewhere it must not, or null when it stays in the tree.</summary>
    /// <param name="linkPath">The link's path, relative to the root and <c>/</c>-separated.</param>
    /// <param name="target">What it points to, as stored.</param>
    /// <param name="links">Every symlink of the same tree (path → target), this one included.</param>
    public static string? Problem(string linkPath, string target, IReadOnlyDictionary<string, string> links)
    {
        ArgumentNullException.ThrowIfNull(linkPath);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(links);
        if (target.StartsWith('/'))
        {
            return $"points to '{target}', an absolute path outside the tree";
        }

        var folder = linkPath.Split('/').SkipLast(1).ToList();
        var pending = new List<string>(target.Split('/'));
        string? via = null;
        var followed = 0;
        while (pending.Count > 0)
        {
            var part = pending[0];
            pending.RemoveAt(0);
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (folder.Count == 0)
                {
                    return via is null ? $"points to '{target}', which leaves the tree" : $"points to '{target}', which leaves the tree through the link '{via}'";
                }

                folder.RemoveAt(folder.Count - 1);
                continue;
            }

            if (GitNames.IsGitFolder(part))
            {
                return via is null ? $"points to '{target}', into .git" : $"points to '{target}', into .git through the link '{via}'";
            }

            folder.Add(part);
            var here = string.Join('/', folder);
            if (!links.TryGetValue(here, out var next))
            {
                continue;
            }

            if (++followed > MaxLinks)
            {
                return null;
            }

            if (next.StartsWith('/'))
            {
                return $"points to '{target}', which leads through the link '{here}' to '{next}', an absolute path outside the tree";
            }

            via ??= here;
            folder.RemoveAt(folder.Count - 1); // a link's target is read from the folder it sits in
            pending.InsertRange(0, next.Split('/'));
        }

        return null;
    }
}
