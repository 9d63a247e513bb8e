using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// What a task's runs leave behind when the process that started them dies: an agent, a check or a merge gate, in a
/// session of its own, lives on. Each run records where; whoever takes the task (or the merge) up next stops it first,
/// so nothing runs twice at once and nothing a dead run writes lands.
/// </summary>
/// <remarks>
/// A task's work (its agent runs and its checks, one at a time under the task's run lock) and its merge gate (under the
/// merge lock) are recorded apart: each lock's holder stops only what a dead holder of the same lock recorded, never a
/// live gate of another process that a stale view of the task would otherwise reach.
/// </remarks>
public interface IRunLeftovers
{
    /// <summary>Where an agent run or a check on <paramref name="task"/> records its processes; null when nothing is recorded.</summary>
    string? RecordFor(TaskId task);

    /// <summary>Stops whatever a dead runner's agent run or check on <paramref name="task"/> left running. Returns whether anything was recorded.</summary>
    bool StopLeftovers(TaskId task);

    /// <summary>Where the merge gate on <paramref name="task"/> records its processes; null when nothing is recorded.</summary>
    string? RecordGateFor(TaskId task);

    /// <summary>
    /// Stops every merge gate a dead merger left running, whichever task it gated. Called under the merge lock, where
    /// every gate recorded is a leftover (its recorder held the lock). Returns the tasks whose gates were recorded.
    /// </summary>
    IReadOnlyList<TaskId> StopGateLeftovers();
}
