using ClawClip.Core.Agents;

namespace ClawClip.Core.Goals;

/// <summary>The PM's record of each roadmap goal, one file per goal, each write a lineage commit.</summary>
public interface IGoalStore
{
    /// <summary>Every goal the PM has a record of.</summary>
    Task<IReadOnlyList<GoalRecord>> ReadGoalsAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="goal"/>'s record with a lineage commit by <paramref name="actor"/>, its subject, reason and rule.</summary>
    Task WriteGoalAsync(GoalRecord goal, Actor actor, string subject, string reason, string policy, CancellationToken cancellationToken);
}
