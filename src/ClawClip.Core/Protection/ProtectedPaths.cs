namespace ClawClip.Core.Protection;

/// <summary>
/// The paths whose change lands only after a person approves it, at every tier: what configures claw.clip and its
/// agents (<c>agents/</c>, <c>clawclip.yaml</c>, <c>ROADMAP.md</c>), what runs on someone else's machine or in CI
/// (<c>.github/</c>, <c>.claude/</c>, hook folders), what changes how git checks files out (<c>.gitmodules</c>,
/// <c>.gitattributes</c>), and whatever the repository adds under <c>protected_paths:</c>. An agent that could change
/// these unreviewed could widen its own permissions, its checks or its peers' prompts.
/// <para>
/// One rule for every entry: it covers the path itself and everything under it (<c>agents</c> and <c>agents/</c> are
/// the same entry). Matching ignores case, because a checkout on a case-insensitive disk (macOS's default) writes
/// <c>AGENTS/dev.yaml</c> into <c>agents/</c>.
/// </para>
/// </summary>
public sealed class ProtectedPaths
{
    /// <summary>What every repository protects, whatever its <c>clawclip.yaml</c> says.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        ["agents/", "clawclip.yaml", "ROADMAP.md", ".github/", ".claude/", ".husky/", ".githooks/", ".gitmodules", ".gitattributes"];

    private readonly string[] roots;

    /// <param name="configured">The entries of <c>protected_paths:</c>, each checked with <see cref="Problem"/>; added to <see cref="BuiltIn"/>.</param>
    public ProtectedPaths(IEnumerable<string> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var extra = configured.ToArray();
        foreach (var entry in extra)
        {
            if (Problem(entry) is { } problem)
            {
                throw new ArgumentException($"protected path '{entry}' {problem}", nameof(configured));
            }
        }

        Entries = [.. BuiltIn, .. extra.Where(e => !BuiltIn.Contains(e, StringComparer.OrdinalIgnoreCase))];
        roots = Entries.Select(e => e.TrimEnd('/')).ToArray();
    }

    /// <summary>The built-in entries alone: a repository whose <c>clawclip.yaml</c> adds none.</summary>
    public static ProtectedPaths Default { get; } = new([]);

    /// <summary>Every entry, the built-in ones first, as written.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>True when <paramref name="path"/> (relative to the repository root, <c>/</c>-separated) is an entry or lies under one.</summary>
    public bool Covers(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var root in roots)
        {
            if (path.Equals(root, StringComparison.OrdinalIgnoreCase)
                || (path.Length > root.Length && path[root.Length] == '/' && path.StartsWith(root, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The paths of <paramref name="changed"/> that are protected, each once, in their order.</summary>
    public IReadOnlyList<string> Touched(IEnumerable<string> changed) =>
        changed.Where(Covers).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Why <paramref name="entry"/> cannot be a <c>protected_paths:</c> entry, or null when it can: a path relative
    /// to the repository root, with <c>/</c> between folders, and no pattern (an entry is matched as written, so a
    /// <c>*</c> would protect nothing and give a false sense of safety).
    /// </summary>
    public static string? Problem(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Trim().Length == 0)
        {
            return "is empty; write a path relative to the repository root, like secrets/ or deploy.sh";
        }

        if (entry != entry.Trim())
        {
            return "starts or ends with a space; write the path alone";
        }

        if (entry.StartsWith('/'))
        {
            return "is absolute; write it relative to the repository root, like config/ rather than /config/";
        }

        if (entry.Contains('\\', StringComparison.Ordinal))
        {
            return "has a '\\'; folders are separated by '/'";
        }

        if (entry.IndexOfAny(['*', '?', '[']) >= 0)
        {
            return "is a pattern; entries are paths, each covering itself and everything under it (write the folder, like config/)";
        }

        var parts = entry.TrimEnd('/').Split('/');
        return parts.Any(p => p is "" or "." or "..")
            ? "has an empty, '.' or '..' part; write the plain path from the repository root, like tools/deploy/"
            : null;
    }
}
