namespace ClawClip.Core.Tasks;

/// <summary>What a task's branch changes against its base.</summary>
/// <param name="Head">The branch's head commit.</param>
/// <param name="Files">The paths it changes.</param>
/// <param name="Patch">The unified diff, cut at a size an agent's prompt can hold.</param>
/// <param name="Truncated">True when <paramref name="Patch"/> was cut.</param>
public sealed record TaskDiff(string Head, IReadOnlyList<string> Files, string Patch, bool Truncated);
