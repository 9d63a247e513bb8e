namespace ClawClip.Agents;

/// <summary>A YAML file's bytes with the name its messages give it, for a file read from somewhere other than a disk (a commit).</summary>
/// <param name="File">The name in messages, like <c>main:agents/dev-1.yaml</c>; it ends in the file's own name.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record YamlFileContent(string File, ReadOnlyMemory<byte> Content);
