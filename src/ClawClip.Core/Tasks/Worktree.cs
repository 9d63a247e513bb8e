namespace ClawClip.Core.Tasks;

/// <summary>A task's own git worktree: where its agent works, on the branch <c>task/&lt;id&gt;</c>.</summary>
public sealed record Worktree(TaskId Task, string Path, string Branch);
