using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// A task's own agent session, read from its history. An agent's context snapshot holds one task, but an agent with
/// <c>max_concurrent_tasks</c> above one works on several at once, and its snapshot is then about whichever it
/// touched last: a task the snapshot is not about resumes the session its history recorded, never the snapshot's.
/// </summary>
internal static class TaskSessions
{
    /// <summary>
    /// The session <paramref name="dev"/> resumes on <paramref name="task"/>: its snapshot's when the snapshot is about
    /// this task, else the one the task's history recorded (<see cref="LastOf"/>).
    /// </summary>
    public static string? ToResume(ContextSnapshot snapshot, TaskRecord task, AgentId dev) =>
        snapshot.Task == task.Id ? snapshot.SessionId : LastOf(task, dev);

    /// <summary>
    /// The session <paramref name="dev"/> should resume on <paramref name="task"/>: the one its last run on the task
    /// recorded (null when that run's session could not be resumed, so the next starts afresh), or the one a stop
    /// released the task with while <paramref name="dev"/> held it. Null when there is none.
    /// </summary>
    public static string? LastOf(TaskRecord task, AgentId dev)
    {
        string? session = null;
        string? claimer = null;
        foreach (var e in task.History)
        {
            if (e.To == TaskState.Claimed)
            {
                claimer = e.Actor;
            }

            if (e.Actor == dev.Value && e.Turns is not null)
            {
                session = e.Session; // one of the dev's runs ended here
            }
            else if (e.Policy == PipelinePolicies.ReleasedOnStop && claimer == dev.Value && e.Session is not null)
            {
                session = e.Session; // its run was killed by a stop, which recorded the session it had started
            }
        }

        return session;
    }
}
