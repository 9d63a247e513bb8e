using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.State;

/// <summary>
/// Agents' earned trust: read it, record each task outcome, and credit what each run cost (each with a lineage
/// commit). An agent's spend is the sum of the costs on the events it wrote: the pipeline and the planner credit each
/// run's cost with <see cref="RecordSpendAsync"/> when the event that carries it is written, and record outcomes at no
/// cost, so nothing is counted twice.
/// </summary>
public interface IAgentTrust
{
    /// <summary>The agent's record; a new intern's when it has none yet.</summary>
    Task<TrustRecord> ReadTrustAsync(AgentId agent, CancellationToken cancellationToken);

    /// <summary>
    /// Records a success or failure of <paramref name="agent"/> on <paramref name="task"/>; promotes or demotes by
    /// <paramref name="rules"/>. <paramref name="costUsd"/> is added to its spend: 0 where the runs behind the outcome
    /// were credited as they were recorded (everywhere in the pipeline).
    /// </summary>
    Task<TrustChange> RecordOutcomeAsync(AgentId agent, TaskId task, bool success, decimal costUsd, string reason, TrustRules rules, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="costUsd"/> (one event's runs) to <paramref name="agent"/>'s spend, streaks and tier untouched.</summary>
    Task<TrustRecord> RecordSpendAsync(AgentId agent, decimal costUsd, string reason, CancellationToken cancellationToken);
}
