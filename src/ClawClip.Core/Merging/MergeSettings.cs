using ClawClip.Core.Protection;

namespace ClawClip.Core.Merging;

/// <summary>Where tasks land and what they must pass to land there.</summary>
/// <param name="Target">The branch, usually <c>main</c>.</param>
/// <param name="Gate">The integration gate: build and test commands, each a program and its arguments.</param>
/// <param name="GateTimeout">How long each gate command may run.</param>
public sealed record MergeSettings(string Target, IReadOnlyList<IReadOnlyList<string>> Gate, TimeSpan GateTimeout)
{
    /// <summary>The paths whose change lands only after a person approves it: the built-in ones and <c>protected_paths:</c>.</summary>
    public ProtectedPaths ProtectedPaths { get; init; } = ProtectedPaths.Default;
}
