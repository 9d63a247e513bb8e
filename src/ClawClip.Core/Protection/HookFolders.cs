namespace ClawClip.Core.Protection;

/// <summary>
/// Where git hooks live once someone points git at them: <c>.husky/</c> and <c>.githooks/</c> (at any depth, since
/// <c>core.hooksPath</c> may name a subfolder's) and a <c>hooks</c> folder under a <c>.git</c> lookalike
/// (<see cref="GitNames"/>). An executable or a link landing there is code that runs in the next person's
/// <c>git commit</c>.
/// </summary>
public static class HookFolders
{
    /// <summary>True when <paramref name="path"/> (relative, <c>/</c>-separated) lies under a hook folder.</summary>
    public static bool Contains(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i].Equals(".husky", StringComparison.OrdinalIgnoreCase)
                || parts[i].Equals(".githooks", StringComparison.OrdinalIgnoreCase)
                || (GitNames.IsGitFolder(parts[i]) && parts[i + 1].Equals("hooks", StringComparison.OrdinalIgnoreCase) && i + 1 < parts.Length - 1))
            {
                return true;
            }
        }

        return false;
    }
}
