namespace ClawClip.Core.Planning;

/// <summary>One task as the planner proposes it; <see cref="DependsOn"/> names other tasks of the same answer by key.</summary>
public sealed record PlannedTask(string Key, string Title, string Spec, IReadOnlyList<string> Acceptance, int EstimateMinutes, IReadOnlyList<string> Skills, int Priority, IReadOnlyList<string> DependsOn);
