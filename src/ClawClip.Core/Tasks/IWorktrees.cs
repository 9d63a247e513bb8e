namespace ClawClip.Core.Tasks;

/// <summary>
/// One working copy per task, a clone of its own on the branch <c>task/&lt;id&gt;</c>, created from the target and removed
/// when the task leaves its dev. Only that branch comes back from it, checked to descend from the task's base.
/// </summary>
public interface IWorktrees
{
    /// <summary>
    /// The task's worktree, created on branch <c>task/&lt;id&gt;</c> from <paramref name="baseRef"/> if it
    /// does not exist yet. Asking again returns the same one: a retried task continues where it was.
    /// </summary>
    Task<Worktree> EnsureAsync(TaskId task, string baseRef, CancellationToken cancellationToken);

    /// <summary>
    /// Commits whatever the agent left uncommitted in the worktree, as <paramref name="author"/>. Returns the new
    /// commit, or null when there was nothing to commit.
    /// </summary>
    Task<string?> CommitAllAsync(Worktree worktree, Agents.AgentIdentity author, string message, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the worktree at <paramref name="path"/> back exactly as its head commit: tracked changes reverted and the
    /// untracked files made since removed; ignored files stay (build caches the repository chose to ignore). Run after
    /// the checks, so that nothing they wrote is ever committed as the dev's work.
    /// </summary>
    Task RestoreAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the task's branch back from its working copy, then says what it changes against <paramref name="baseRef"/>:
    /// the files, the patch, and its head commit (and why the branch was not taken back, when it was not).
    /// </summary>
    Task<TaskDiff> DiffAsync(Worktree worktree, string baseRef, CancellationToken cancellationToken);

    /// <summary>
    /// Merges <paramref name="baseRef"/> into the task's branch in its worktree, as <paramref name="author"/>. A
    /// conflict is left in the files for the dev to resolve; returns the conflicted paths (empty when it merged).
    /// </summary>
    Task<IReadOnlyList<string>> MergeFromAsync(Worktree worktree, string baseRef, Agents.AgentIdentity author, CancellationToken cancellationToken);

    /// <summary>Takes the task's branch back, then removes the working copy's folder; the branch stays until the work is merged or failed.</summary>
    Task RemoveAsync(TaskId task, CancellationToken cancellationToken);

    /// <summary>Deletes the task's branch and what was kept beside it (its base), after its working copy is gone.</summary>
    Task DeleteBranchAsync(TaskId task, CancellationToken cancellationToken);
}
