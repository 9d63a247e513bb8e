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
    public static TaskView Of(TaskRecord task) => new(
        task.Id.Value,
        task.Definition.Title,
        task.Status.Name(),
        task.Definition.Priority,
        task.Definition.Skills,
        task.Definition.Goal?.Value,
        task.Attempt,
        task.Holder,
        task.Lease?.ExpiresAt);

    public string Line() =>
        $"{Status,-11} {Id,-7} p{Priority,-3} {(Holder is null ? string.Empty : Holder + " "),-10}{Title}"
        + (LeaseExpiresAt is { } until ? $"  (lease until {until:yyyy-MM-dd HH:mm}Z)" : string.Empty);
}
