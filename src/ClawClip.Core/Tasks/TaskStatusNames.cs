using System.Collections.Frozen;

namespace ClawClip.Core.Tasks;

/// <summary>The spelling of each status in folders, JSON and commit subjects (<c>needs-input</c>).</summary>
public static class TaskStatusNames
{
    private static readonly FrozenDictionary<TaskStatus, string> Names = new Dictionary<TaskStatus, string>
    {
        [TaskStatus.Backlog] = "backlog",
        [TaskStatus.Claimed] = "claimed",
        [TaskStatus.Running] = "running",
        [TaskStatus.Review] = "review",
        [TaskStatus.Merging] = "merging",
        [TaskStatus.Done] = "done",
        [TaskStatus.Failed] = "failed",
        [TaskStatus.NeedsInput] = "needs-input",
        [TaskStatus.Canceled] = "canceled",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, TaskStatus> ByName =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every status, in the order a person reads the flow.</summary>
    public static IReadOnlyList<TaskStatus> All { get; } = Enum.GetValues<TaskStatus>();

    public static string Name(this TaskStatus status) => Names[status];

    public static bool TryParse(string? name, out TaskStatus status)
    {
        if (name is not null && ByName.TryGetValue(name, out status))
        {
            return true;
        }

        status = default;
        return false;
    }

    public static TaskStatus Parse(string name) =>
        TryParse(name, out var status)
            ? status
            : throw new FormatException($"'{name}' is not a task status; expected one of: {string.Join(", ", Names.Values)}.");

    /// <summary>The person's three queues: intake, active, completed.</summary>
    public static QueueKind Queue(this TaskStatus status) => status switch
    {
        TaskStatus.Backlog or TaskStatus.NeedsInput => QueueKind.Intake,
        TaskStatus.Claimed or TaskStatus.Running or TaskStatus.Review or TaskStatus.Merging => QueueKind.Active,
        _ => QueueKind.Completed,
    };

    /// <summary>Statuses in which an agent holds the task under a lease.</summary>
    public static bool IsHeld(this TaskStatus status) =>
        status is TaskStatus.Claimed or TaskStatus.Running or TaskStatus.Review or TaskStatus.Merging;
}
