using ClawClip.Core.Agents;

namespace ClawClip.Core.State;

/// <summary>The three files a person reads to know an agent: current task, context snapshot, outbox.</summary>
public interface IAgentFiles
{
    Task<CurrentTask> ReadCurrentTaskAsync(AgentId agent, CancellationToken cancellationToken);

    Task<ContextSnapshot> ReadSnapshotAsync(AgentId agent, CancellationToken cancellationToken);

    /// <summary>Saves what the agent knows, under its lock, with a lineage commit.</summary>
    Task SaveSnapshotAsync(ContextSnapshot snapshot, string reason, CancellationToken cancellationToken);

    Task<Outbox> ReadOutboxAsync(AgentId agent, CancellationToken cancellationToken);

    /// <summary>Writes what the agent hands off, under its lock, with a lineage commit.</summary>
    Task WriteOutboxAsync(Outbox outbox, string reason, CancellationToken cancellationToken);
}
