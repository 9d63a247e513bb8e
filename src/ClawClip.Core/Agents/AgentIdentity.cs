namespace ClawClip.Core.Agents;

/// <summary>
/// Who a lineage commit is authored by: the acting agent, or a named person or process
/// (<c>human</c>, <c>reaper</c>), never the person's own git identity.
/// </summary>
public sealed record AgentIdentity(string Name, string Email)
{
    /// <summary>The default identity of an agent that has no git identity of its own configured.</summary>
    public static AgentIdentity For(AgentId agent) => new(agent.Value, $"{agent.Value}@agents.clawclip.invalid");

    /// <summary>The reaper returning expired claims.</summary>
    public static AgentIdentity Reaper { get; } = new("clawclip-reaper", "reaper@clawclip.invalid");

    /// <summary>A person acting through the <c>clawclip</c> command.</summary>
    public static AgentIdentity Human { get; } = new("human", "human@clawclip.invalid");

    /// <summary>claw.clip itself, as committer of every lineage commit and author of housekeeping.</summary>
    public static AgentIdentity ClawClip { get; } = new("claw.clip", "clawclip@clawclip.invalid");
}
