using ClawClip.Core.Goals;

namespace ClawClip.Core.Budgets;

/// <summary>What the budgets allow an agent about to claim: whether it may, and which goals' tasks it must leave.</summary>
/// <param name="MayClaim">False while the agent or the whole team is paused.</param>
/// <param name="Refusal">Why not, in a sentence; null when it may claim.</param>
/// <param name="ExcludedGoals">Goals over their limit: their tasks are not claimed.</param>
public sealed record ClaimPermit(bool MayClaim, string? Refusal, IReadOnlySet<GoalId> ExcludedGoals)
{
    /// <summary>No budget stands in the way.</summary>
    public static ClaimPermit Open { get; } = new(true, null, new HashSet<GoalId>());
}
