using System.Collections.Frozen;

namespace ClawClip.Core.Tasks;

/// <summary>
/// The allowed moves between statuses. Everything not listed here is refused with an
/// <see cref="IllegalTransitionException"/> naming both states.
/// </summary>
public static class TaskTransitions
{
    private static readonly FrozenDictionary<TaskState, FrozenSet<TaskState>> Allowed =
        new Dictionary<TaskState, FrozenSet<TaskState>>
        {
            // Claimed from the backlog; canceled when its goal goes away.
            [TaskState.Backlog] = Set(TaskState.Claimed, TaskState.Canceled),
            // Released or reaped back to the backlog; failed past its attempts.
            [TaskState.Claimed] = Set(TaskState.Running, TaskState.Backlog, TaskState.Failed, TaskState.Canceled),
            [TaskState.Running] = Set(TaskState.Review, TaskState.NeedsInput, TaskState.Backlog, TaskState.Failed, TaskState.Canceled),
            // QA approves (merging, or needs-input while an intern's work waits for a person) or asks
            // for a revision (running again, same dev).
            [TaskState.Review] = Set(TaskState.Merging, TaskState.NeedsInput, TaskState.Running, TaskState.Backlog, TaskState.Failed, TaskState.Canceled),
            // A conflict or a failed gate goes back to the dev; work touching protected paths waits for a person.
            [TaskState.Merging] = Set(TaskState.Done, TaskState.Running, TaskState.NeedsInput, TaskState.Backlog, TaskState.Failed, TaskState.Canceled),
            // A person answers the question: back to the backlog, or the work resumes; or a person
            // approves work QA approved or that touches protected paths (clawclip approve), and it goes to the merge queue.
            [TaskState.NeedsInput] = Set(TaskState.Backlog, TaskState.Running, TaskState.Merging, TaskState.Canceled, TaskState.Failed),
            // A person may requeue a failed task; done and canceled are final.
            [TaskState.Failed] = Set(TaskState.Backlog),
            [TaskState.Done] = Set(),
            [TaskState.Canceled] = Set(),
        }.ToFrozenDictionary();

    public static bool IsAllowed(TaskState from, TaskState to) => Allowed[from].Contains(to);

    public static IReadOnlySet<TaskState> From(TaskState from) => Allowed[from];

    /// <summary>Throws <see cref="IllegalTransitionException"/> unless <paramref name="from"/> → <paramref name="to"/> is allowed.</summary>
    public static void Ensure(TaskId task, TaskState from, TaskState to)
    {
        if (!IsAllowed(from, to))
        {
            throw new IllegalTransitionException(task, from, to);
        }
    }

    private static FrozenSet<TaskState> Set(params TaskState[] statuses) => statuses.ToFrozenSet();
}
