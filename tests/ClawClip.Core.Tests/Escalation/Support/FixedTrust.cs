using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Escalation.Support;

/// <summary>Tiers set by the test; every agent not named is an intern.</summary>
internal sealed class FixedTrust : IAgentTrust
{
    private readonly Dictionary<string, Tier> tiers = new(StringComparer.Ordinal);

    public FixedTrust Set(string agent, Tier tier)
    {
        tiers[agent] = tier;
        return this;
    }

    public Task<TrustRecord> ReadTrustAsync(AgentId agent, CancellationToken cancellationToken) =>
        Task.FromResult(TrustRecord.New(agent) with { Tier = tiers.GetValueOrDefault(agent.Value, Tier.Intern) });

    public Task<TrustChange> RecordOutcomeAsync(AgentId agent, TaskId task, bool success, decimal costUsd, string reason, TrustRules rules, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the escalator never records outcomes");

    public Task<TrustRecord> RecordSpendAsync(AgentId agent, decimal costUsd, string reason, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the escalator never records spend");
}
