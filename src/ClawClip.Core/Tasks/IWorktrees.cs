namespace ClawClip.Core.Tasks;

/// <summary>One git worktree per task, on its own branch, created from main and removed when the task ends.</summary>
public interface IWorktrees
{
    /// <summary>
    /// The task's worktree, created on branch <c>task/&lt;id&gt;</c> from <paramref name="baseRef"/> if it
    /// does not exist yet. Asking again returns the same one: a retried task continues where it was.
    /// </summary>
    Task<Worktree> EnsureAsync(TaskId task, string baseRef, CancellationToken cancellationToken);

    /// <summary>Removes the worktree's folder; the branch stays until the work is merged or failed.</summary>
    Task RemoveAsync(TaskId task, CancellationToken cancellationToken);

    /// <summary>Deletes the task's branch (after its worktree is gone).</summary>
    Task DeleteBranchAsync(TaskId task, CancellationToken cancellationToken);
}
