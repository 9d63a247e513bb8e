namespace ClawClip.Git;

/// <summary>
/// A committed path that cannot be read as a file: it is a folder, a symbolic link or a submodule. The message names
/// it as <c>main:clawclip.yaml</c> and says what to commit instead.
/// </summary>
public sealed class CommittedFileException(string name, string problem) : Exception($"{name}: {problem}")
{
    /// <summary>The file as its branch names it: <c>main:agents/dev-1.yaml</c>.</summary>
    public string Name { get; } = name;
}
