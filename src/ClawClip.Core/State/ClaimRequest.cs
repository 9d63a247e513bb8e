using ClawClip.Core.Agents;
using ClawClip.Core.Goals;

namespace ClawClip.Core.State;

/// <summary>An agent asking for work: who, with which skills, at which tier (which sets the lease).</summary>
public sealed record ClaimRequest(AgentId Agent, IReadOnlySet<string> Skills, Tier Tier)
{
    public TimeSpan LeaseLength { get; init; } = Tier.LeaseLength();

    /// <summary>Goals whose tasks this claim must leave (their budget is spent).</summary>
    public IReadOnlySet<GoalId> ExcludedGoals { get; init; } = new HashSet<GoalId>();
}
