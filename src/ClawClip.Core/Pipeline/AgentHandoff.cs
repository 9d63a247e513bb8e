using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// What an agent taking over a task gets from the one before it: who that was, and its outbox when the outbox is still
/// about this task (an agent's outbox holds only its latest hand-off).
/// </summary>
/// <param name="From">The agent that worked on the task before.</param>
/// <param name="Outbox">Its outbox, when its task is this one; null when it has moved on or never wrote one.</param>
public sealed record AgentHandoff(AgentId From, Outbox? Outbox)
{
    /// <summary>
    /// The hand-off to <paramref name="dev"/>: from the last agent other than it that claimed <paramref name="task"/>
    /// (before a reassignment, a reap or a release). Null when nobody else has held it.
    /// </summary>
    public static async Task<AgentHandoff?> ToDevAsync(TaskRecord task, AgentId dev, Func<AgentId, CancellationToken, Task<Outbox>> readOutbox, CancellationToken cancellationToken)
    {
        var before = task.History.LastOrDefault(e => e.To == TaskState.Claimed && e.Kind == TaskEventKind.Transition && e.Actor != dev.Value)?.Actor;
        return before is not null && AgentId.TryParse(before, out var previous)
            ? await FromAsync(task, previous, readOutbox, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The hand-off from <paramref name="agent"/>: its outbox, if it is about <paramref name="task"/>.</summary>
    public static async Task<AgentHandoff> FromAsync(TaskRecord task, AgentId agent, Func<AgentId, CancellationToken, Task<Outbox>> readOutbox, CancellationToken cancellationToken)
    {
        var outbox = await readOutbox(agent, cancellationToken).ConfigureAwait(false);
        return new AgentHandoff(agent, outbox.Task == task.Id ? outbox : null);
    }
}
