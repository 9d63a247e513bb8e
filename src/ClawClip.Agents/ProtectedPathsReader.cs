using ClawClip.Core.Protection;

namespace ClawClip.Agents;

/// <summary>
/// Reads <c>protected_paths:</c> of <c>clawclip.yaml</c>: a list of paths from the repository root, each a file or a
/// folder (<c>protected_paths: [deploy/, secrets.env]</c>), whose change lands only after <c>clawclip approve</c>, added
/// to <see cref="ProtectedPaths.BuiltIn"/>. Each bad entry names its line and how to write it.
/// </summary>
internal static class ProtectedPathsReader
{
    private const string Example = "protected_paths: [deploy/, secrets.env]";

    public static ProtectedPaths Read(YamlMapping config)
    {
        if (config.Optional("protected_paths") is not { } node)
        {
            return ProtectedPaths.Default;
        }

        var entries = config.ScalarList("protected_paths", node, Example);
        foreach (var entry in entries)
        {
            if (ProtectedPaths.Problem(entry.Value!) is { } problem)
            {
                throw config.Fail(entry, $"'protected_paths' entry '{entry.Value}' {problem}");
            }
        }

        return new ProtectedPaths(entries.Select(e => e.Value!));
    }
}
