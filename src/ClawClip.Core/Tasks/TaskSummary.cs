namespace ClawClip.Core.Tasks;

/// <summary>What a listing shows of a task: enough for the queues, without its history.</summary>
public sealed record TaskSummary(
    TaskId Id,
    string Title,
    TaskState Status,
    int Priority,
    IReadOnlyList<string> Skills,
    string? Goal,
    int Attempt,
    string? Holder,
    DateTimeOffset? LeaseExpiresAt)
{
    public static TaskSummary Of(TaskRecord task) => new(
        task.Id,
        task.Definition.Title,
        task.Status,
        task.Definition.Priority,
        task.Definition.Skills,
        task.Definition.Goal?.Value,
        task.Attempt,
        task.Holder,
        task.Lease?.ExpiresAt);
}
