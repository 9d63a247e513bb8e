using System.Security.Cryptography;
using System.Text;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Goals;

/// <summary>
/// <c>state/goals/&lt;id&gt;.json</c>: what the PM made of one roadmap goal — the text it planned from (and its
/// fingerprint, to notice an edit), the tasks the planner gave it, and where it stands.
/// </summary>
/// <param name="Id">The goal.</param>
/// <param name="Text">The goal's text when it was last planned.</param>
/// <param name="Fingerprint">A hash of the text and its headings: a change means the goal was edited.</param>
/// <param name="Status">Where the PM stands with it.</param>
/// <param name="Tasks">The tasks planned for it, in the planner's order.</param>
/// <param name="Note">Why it is where it is, in a sentence (the planner's problem, the commit that ticked it).</param>
/// <param name="UpdatedAt">When it was last written.</param>
public sealed record GoalRecord(GoalId Id, string Text, string Fingerprint, GoalStatus Status, IReadOnlyList<TaskId> Tasks, string Note, DateTimeOffset UpdatedAt)
{
    /// <summary>Every planner run for this goal, oldest first, kept across plans again: what planning it cost.</summary>
    public IReadOnlyList<PlanningRun> PlanningRuns { get; init; } = [];

    /// <summary>What the planner runs for this goal cost in all.</summary>
    public decimal PlanningCostUsd => PlanningRuns.Sum(r => r.CostUsd);

    /// <summary>The fingerprint of <paramref name="goal"/> as it reads now.</summary>
    public static string FingerprintOf(RoadmapGoal goal)
    {
        var text = string.Join("\n", [.. goal.Headings, goal.Parent?.Value ?? string.Empty, goal.Text]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
