using System.Collections.Frozen;

namespace ClawClip.Core.Tasks;

/// <summary>
/// The allowed moves between statuses. Everything not listed here is refused with an
/// <see cref="IllegalTransitionException"/> naming both states.
/// </summary>
public static class TaskTransitions
{
    private static readonly FrozenDictionary<TaskStatus, FrozenSet<TaskStatus>> Allowed =
        new Dictionary<TaskStatus, FrozenSet<TaskStatus>>
        {
            // Claimed from the backlog; canceled when its goal goes away.
            [TaskStatus.Backlog] = Set(TaskStatus.Claimed, TaskStatus.Canceled),
            // Released or reaped back to the backlog; failed past its attempts.
            [TaskStatus.Claimed] = Set(TaskStatus.Running, TaskStatus.Backlog, TaskStatus.Failed, TaskStatus.Canceled),
            [TaskStatus.Running] = Set(TaskStatus.Review, TaskStatus.NeedsInput, TaskStatus.Backlog, TaskStatus.Failed, TaskStatus.Canceled),
            // QA approves (merging) or asks for a revision (running again, same dev).
            [TaskStatus.Review] = Set(TaskStatus.Merging, TaskStatus.Running, TaskStatus.Backlog, TaskStatus.Failed, TaskStatus.Canceled),
            // A conflict or a failed gate goes back to the dev.
            [TaskStatus.Merging] = Set(TaskStatus.Done, TaskStatus.Running, TaskStatus.Backlog, TaskStatus.Failed, TaskStatus.Canceled),
            // A person answers the question: back to the backlog, or the work resumes.
            [TaskStatus.NeedsInput] = Set(TaskStatus.Backlog, TaskStatus.Running, TaskStatus.Canceled, TaskStatus.Failed),
            // A person may requeue a failed task; done and canceled are final.
            [TaskStatus.Failed] = Set(TaskStatus.Backlog),
            [TaskStatus.Done] = Set(),
            [TaskStatus.Canceled] = Set(),
        }.ToFrozenDictionary();

    public static bool IsAllowed(TaskStatus from, TaskStatus to) => Allowed[from].Contains(to);

    public static IReadOnlySet<TaskStatus> From(TaskStatus from) => Allowed[from];

    /// <summary>Throws <see cref="IllegalTransitionException"/> unless <paramref name="from"/> → <paramref name="to"/> is allowed.</summary>
    public static void Ensure(TaskId task, TaskStatus from, TaskStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new IllegalTransitionException(task, from, to);
        }
    }

    private static FrozenSet<TaskStatus> Set(params TaskStatus[] statuses) => statuses.ToFrozenSet();
}
