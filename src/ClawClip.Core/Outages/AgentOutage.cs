using ClawClip.Core.Agents;

namespace ClawClip.Core.Outages;

/// <summary>One agent's runs the model's API failed, in a row, until one gets an answer again.</summary>
/// <param name="Agent">Whose runs.</param>
/// <param name="Consecutive">Outage failures in a row.</param>
/// <param name="Since">When the first of them happened.</param>
/// <param name="RetryAt">Not tried again before this (the backoff); a paused agent's next run after it is the probe.</param>
/// <param name="LastFailure">What the last one said, in a sentence.</param>
/// <param name="PausedAt">When the agent was paused (it claims nothing new); null while it is only backing off.</param>
public sealed record AgentOutage(AgentId Agent, int Consecutive, DateTimeOffset Since, DateTimeOffset RetryAt, string LastFailure, DateTimeOffset? PausedAt)
{
    public bool IsPaused => PausedAt is not null;
}
