using System.Collections.Immutable;

namespace ClawClip.Processes.Sandboxing;

/// <summary>
/// What a sandboxed process may touch: the system read-only, the <see cref="Writable"/> folders (its clone, its home),
/// the <see cref="ReadOnly"/> ones (the program it runs when that lives outside the system, the repository's objects a
/// clone borrows), a private temporary folder of its own, and the network unless <see cref="Network"/> is false.
/// Nothing else of the machine is there: not the person's home, not the repository, not <c>state/</c>, not another
/// process's <c>/proc</c>. Paths are absolute and are seen inside at the same place.
/// </summary>
public sealed record Confinement
{
    private readonly ImmutableArray<string> _writable = [];
    private readonly ImmutableArray<string> _readOnly = [];

    /// <summary>Folders the process may change, each bound at its own path.</summary>
    public IReadOnlyList<string> Writable
    {
        get => _writable;
        init => _writable = Absolute(value, nameof(Writable));
    }

    /// <summary>Files or folders it may read but not change, each bound at its own path.</summary>
    public IReadOnlyList<string> ReadOnly
    {
        get => _readOnly;
        init => _readOnly = Absolute(value, nameof(ReadOnly));
    }

    /// <summary>Whether the process reaches the network (an agent needs its model's API); false leaves it loopback only.</summary>
    public bool Network { get; init; } = true;

    /// <summary>A confinement to <paramref name="writable"/> folders, network open.</summary>
    public static Confinement To(params string[] writable) => new() { Writable = writable };

    private static ImmutableArray<string> Absolute(IReadOnlyList<string> paths, string name)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (string.IsNullOrEmpty(path) || !Path.IsPathRooted(path))
            {
                throw new ArgumentException($"A sandbox binds absolute paths only; '{path}' is not one.", name);
            }
        }

        return [.. paths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))).Distinct(StringComparer.Ordinal)];
    }
}
