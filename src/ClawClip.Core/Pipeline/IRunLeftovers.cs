using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// What an agent run leaves behind when the process that started it dies: the agent, in a session of its own, lives
/// on. Its runtime records where; whoever takes the task up next stops it first, so a task never runs twice at once.
/// </summary>
public interface IRunLeftovers
{
    /// <summary>Where a run on <paramref name="task"/> records its processes; null when nothing is recorded.</summary>
    string? RecordFor(TaskId task);

    /// <summary>Stops whatever a dead runner's run on <paramref name="task"/> left running. Returns whether anything was recorded.</summary>
    bool StopLeftovers(TaskId task);
}
