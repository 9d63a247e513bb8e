namespace ClawClip.Core.Agents;

/// <summary>A task an agent proposes while handing off its own.</summary>
public sealed record FollowUp(string Title, string Spec);
