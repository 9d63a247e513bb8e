using ClawClip.Core.Tasks;

namespace ClawClip.Core.Agents;

/// <summary>
/// <c>state/agents/&lt;agent&gt;/current-task.json</c>: what the agent holds now. A person can <c>cat</c> it
/// to see what an agent is doing; it is rewritten, under the agent's lock, by every transition that
/// gives the agent a task or takes it away.
/// </summary>
/// <param name="Agent">Whose file this is.</param>
/// <param name="Task">The task held, or null when the agent holds nothing.</param>
/// <param name="Status">That task's status.</param>
/// <param name="Attempt">Which attempt at the task this is.</param>
/// <param name="Lease">Until when the agent holds it.</param>
/// <param name="Worktree">The task's worktree, once one exists.</param>
/// <param name="UpdatedAt">When this file was written.</param>
public sealed record CurrentTask(
    AgentId Agent,
    TaskId? Task,
    TaskState? Status,
    int Attempt,
    Lease? Lease,
    string? Worktree,
    DateTimeOffset UpdatedAt)
{
    public static CurrentTask Idle(AgentId agent, DateTimeOffset at) => new(agent, null, null, 0, null, null, at);

    /// <summary>The file after <paramref name="task"/> moved: held by this agent, or let go.</summary>
    public CurrentTask After(TaskRecord task, DateTimeOffset at)
    {
        if (task.Status.IsHeld() && task.Holder == Agent.Value)
        {
            var worktree = Task == task.Id ? Worktree : null;
            return new CurrentTask(Agent, task.Id, task.Status, task.Attempt, task.Lease, worktree, at);
        }

        // The task left this agent; the file only clears if it still points at that task.
        return Task == task.Id ? Idle(Agent, at) : this;
    }
}
