using ClawClip.Processes.Sandboxing;

namespace ClawClip.Git;

/// <summary>
/// Where checks run confined: the folder they check and <see cref="Home"/> writable, <see cref="ReadOnly"/> readable,
/// the system read-only, the network open (a build restores its packages), and nothing else of the machine. HOME is
/// <see cref="Home"/>, and the package caches (NuGet's, npm's) live under it, kept between runs so that a check does
/// not download the world each time.
/// </summary>
/// <param name="Home">The checks' HOME: a task's checks share one; the merge gate has its own, which no task's check fills.</param>
/// <param name="ReadOnly">What the checked folder needs besides itself (the object store a clone borrows, the git dir a gate's checkout points into).</param>
public sealed record CheckSandbox(string Home, IReadOnlyList<string> ReadOnly)
{
    /// <summary>The confinement for checks of <paramref name="workingDirectory"/>, with <paramref name="alsoReadable"/> (a toolchain outside the system folders).</summary>
    public Confinement For(string workingDirectory, IEnumerable<string> alsoReadable) =>
        new() { Writable = [workingDirectory, Home], ReadOnly = [.. ReadOnly, .. alsoReadable] };

    /// <summary>The environment inside: <paramref name="environment"/> with HOME and the package caches moved under <see cref="Home"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment(IReadOnlyDictionary<string, string> environment) =>
        new Dictionary<string, string>(environment, StringComparer.Ordinal)
        {
            ["HOME"] = Home,
            ["DOTNET_CLI_HOME"] = Home,
            ["NUGET_PACKAGES"] = Path.Combine(Home, ".nuget", "packages"),
            ["npm_config_cache"] = Path.Combine(Home, ".npm"),
            ["XDG_CACHE_HOME"] = Path.Combine(Home, ".cache"),
        };
}
