namespace ClawClip.Core.Agents;

/// <summary>Who makes a decision: its name in task history, its identity on the lineage commit, its tier.</summary>
public sealed record Actor(string Name, AgentIdentity Identity, Tier? Tier)
{
    public static Actor Agent(AgentId agent, Tier tier) => new(agent.Value, AgentIdentity.For(agent), tier);

    public static Actor Human { get; } = new("human", AgentIdentity.Human, null);

    public static Actor Reaper { get; } = new("clawclip-reaper", AgentIdentity.Reaper, null);

    public static Actor ClawClip { get; } = new("claw.clip", AgentIdentity.ClawClip, null);
}
