namespace ClawClip.Core.Tasks;

/// <summary>Where a task is in its life. On disk, each status is a folder under <c>state/tasks/</c>.</summary>
public enum TaskState
{
    Backlog,
    Claimed,
    Running,
    Review,
    Merging,
    Done,
    Failed,
    NeedsInput,
    Canceled,
}
