using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.State;

/// <summary>Agents' earned trust: read it, and record each task outcome (with a lineage commit).</summary>
public interface IAgentTrust
{
    Task<TrustRecord> ReadTrustAsync(AgentId agent, CancellationToken cancellationToken);

    /// <summary>Records a success or failure of <paramref name="agent"/> on <paramref name="task"/>; promotes or demotes by <paramref name="rules"/>.</summary>
    Task<TrustChange> RecordOutcomeAsync(AgentId agent, TaskId task, bool success, decimal costUsd, string reason, TrustRules rules, CancellationToken cancellationToken);
}
