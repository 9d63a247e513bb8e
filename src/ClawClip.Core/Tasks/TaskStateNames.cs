using System.Collections.Frozen;

namespace ClawClip.Core.Tasks;

/// <summary>The spelling of each status in folders, JSON and commit subjects (<c>needs-input</c>).</summary>
public static class TaskStateNames
{
    private static readonly FrozenDictionary<TaskState, string> Names = new Dictionary<TaskState, string>
    {
        [TaskState.Backlog] = "backlog",
        [TaskState.Claimed] = "claimed",
        [TaskState.Running] = "running",
        [TaskState.Review] = "review",
        [TaskState.Merging] = "merging",
        [TaskState.Done] = "done",
        [TaskState.Failed] = "failed",
        [TaskState.NeedsInput] = "needs-input",
        [TaskState.Canceled] = "canceled",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, TaskState> ByName =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every status, in the order a person reads the flow.</summary>
    public static IReadOnlyList<TaskState> All { get; } = Enum.GetValues<TaskState>();

    public static string Name(this TaskState status) => Names[status];

    public static bool TryParse(string? name, out TaskState status)
    {
        if (name is not null && ByName.TryGetValue(name, out status))
        {
            return true;
        }

        status = default;
        return false;
    }

    public static TaskState Parse(string name) =>
        TryParse(name, out var status)
            ? status
            : throw new FormatException($"'{name}' is not a task status; expected one of: {string.Join(", ", Names.Values)}.");

    /// <summary>The person's three queues: intake, active, completed.</summary>
    public static QueueKind Queue(this TaskState status) => status switch
    {
        TaskState.Backlog or TaskState.NeedsInput => QueueKind.Intake,
        TaskState.Claimed or TaskState.Running or TaskState.Review or TaskState.Merging => QueueKind.Active,
        _ => QueueKind.Completed,
    };

    /// <summary>Statuses in which an agent holds the task under a lease.</summary>
    public static bool IsHeld(this TaskState status) =>
        status is TaskState.Claimed or TaskState.Running or TaskState.Review or TaskState.Merging;
}
