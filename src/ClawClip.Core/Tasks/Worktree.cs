namespace ClawClip.Core.Tasks;

/// <summary>
/// A task's own working copy: a clone of its own where its agent works, on the branch <c>task/&lt;id&gt;</c>.
/// </summary>
/// <param name="Task">The task.</param>
/// <param name="Path">The clone's folder: the agent's working directory and all it may change.</param>
/// <param name="Branch">The task's branch, the only thing claw.clip takes back from the clone.</param>
public sealed record Worktree(TaskId Task, string Path, string Branch)
{
    /// <summary>
    /// Folders outside <see cref="Path"/> that the clone reads and must not change (the repository's object store it
    /// borrows objects from): a sandbox around the clone binds them read-only.
    /// </summary>
    public IReadOnlyList<string> Borrowed { get; init; } = [];
}
