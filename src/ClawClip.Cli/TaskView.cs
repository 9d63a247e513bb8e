using ClawClip.Core.Tasks;

namespace ClawClip.Cli;

/// <summary>A task as <c>status</c>, <c>claim</c> and <c>show</c> print it.</summary>
internal sealed record TaskView(
    string Id,
    string Title,
    string Status,
    int Priority,
    IReadOnlyList<string> Skills,
    string? Goal,
    int Attempt,
    string? Holder,
    DateTimeOffset? LeaseExpiresAt)
{
    public static TaskView Of(TaskRecord task) => Of(TaskSummary.Of(task));

    public static TaskView Of(TaskSummary task) => new(
        task.Id.Value,
        task.Title,
        task.Status.Name(),
        task.Priority,
        task.Skills,
        task.Goal,
        task.Attempt,
        task.Holder,
        task.LeaseExpiresAt);

    public string Line() =>
        $"{Status,-11} {Id,-7} p{Priority,-3} {(Holder is null ? string.Empty : Holder + " "),-10}{Title}"
        + (LeaseExpiresAt is { } until ? $"  (lease until {until:yyyy-MM-dd HH:mm}Z)" : string.Empty);
}
