namespace ClawClip.Core.Tasks;

/// <summary>Where a task is in its life. On disk, each status is a folder under <c>state/tasks/</c>.</summary>
public enum TaskStatus
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
