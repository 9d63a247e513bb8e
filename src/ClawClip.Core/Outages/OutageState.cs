using ClawClip.Core.Agents;

namespace ClawClip.Core.Outages;

/// <summary>
/// <c>state/outage.json</c>: the agents whose runs the model's API is failing, and whether the whole team is paused.
/// Changed one decision at a time, each with its lineage commit, so a restart finds every pause and its backoff.
/// </summary>
/// <param name="Agents">At most one entry per agent; an agent without one is not in an outage.</param>
/// <param name="TeamPausedAt">When every agent of the team was paused alike; null when the team is not paused.</param>
/// <param name="TeamReason">Why the team was paused, in a sentence; null when it is not.</param>
public sealed record OutageState(IReadOnlyList<AgentOutage> Agents, DateTimeOffset? TeamPausedAt, string? TeamReason)
{
    public static OutageState Empty { get; } = new([], null, null);

    public bool IsEmpty => Agents.Count == 0 && TeamPausedAt is null;

    /// <summary>The outage of <paramref name="agent"/>, if it is in one.</summary>
    public AgentOutage? Of(AgentId agent) => Agents.FirstOrDefault(a => a.Agent == agent);
}
