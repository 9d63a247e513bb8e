using ClawClip.Core.Agents;

namespace ClawClip.Daemon.Notifications;

/// <summary>An agent moved from one tier to another (a promotion, or a demotion when <see cref="To"/> is lower).</summary>
public sealed record TierChange(AgentId Agent, Tier From, Tier To);
