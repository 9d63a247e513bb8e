using ClawClip.Core.Goals;

namespace ClawClip.Core.Planning;

/// <summary>
/// A copy of the repository of the planner's own, made at the commit a goal was read from: the planner reads the code
/// there, and whatever it does there reaches neither the repository, nor <c>state/</c>, nor a task's clone.
/// </summary>
public interface IPlanningWorkspace
{
    /// <summary>A fresh copy of the repository as committed at <paramref name="commit"/>, for planning <paramref name="goal"/>.</summary>
    Task<PlanningCopy> PrepareAsync(GoalId goal, string commit, CancellationToken cancellationToken);

    /// <summary>Deletes the copy made for <paramref name="goal"/>; quiet when there is none.</summary>
    Task RemoveAsync(GoalId goal, CancellationToken cancellationToken);
}
