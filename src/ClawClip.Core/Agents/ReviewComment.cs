namespace ClawClip.Core.Agents;

/// <summary>An inline review comment: a file, a line in it, and what to change.</summary>
public sealed record ReviewComment(string File, int Line, string Comment);
