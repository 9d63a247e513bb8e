namespace ClawClip.Core.Protection;

/// <summary>
/// Names that git or a file system treats as <c>.git</c> although they are spelled otherwise: git itself refuses such
/// paths at checkout for the same reason (its fsck names them hasDotgit). A folder that resolves to <c>.git</c> holds
/// the repository's config and hooks, so a link or a file landing there runs code as whoever next runs git.
/// </summary>
public static class GitNames
{
    // Characters HFS+ ignores in names, so ".g\u200Cit" is ".git" on a Mac.
    private static readonly char[] Ignorable =
        ['\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u206A', '\u206B', '\u206C', '\u206D', '\u206E', '\u206F', '\uFEFF'];

    /// <summary>
    /// True when <paramref name="name"/>, one path component, is <c>.git</c> on some disk: any case, trailing dots or
    /// spaces (NTFS drops them), HFS+'s ignorable characters, or the 8.3 short name <c>git~1</c>.
    /// </summary>
    public static bool IsGitFolder(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = string.Concat(name.Where(c => Array.IndexOf(Ignorable, c) < 0)).TrimEnd('.', ' ');
        return plain.Equals(".git", StringComparison.OrdinalIgnoreCase) || plain.Equals("git~1", StringComparison.OrdinalIgnoreCase);
    }
}
