namespace ClawClip.Core.Lineage;

/// <summary>A git trailer line (<c>Policy: claim.priority-and-skills</c>) on a lineage commit.</summary>
public sealed record Trailer(string Key, string Value);
