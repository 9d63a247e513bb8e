using ClawClip.Core.Tasks;

namespace ClawClip.Core.State;

/// <summary>What a reap did: tasks whose lease had expired, back in the backlog or failed past their attempts.</summary>
public sealed record ReapReport(IReadOnlyList<TaskId> Requeued, IReadOnlyList<TaskId> Failed, IReadOnlyList<string> Repairs)
{
    public static ReapReport Empty { get; } = new([], [], []);
}
