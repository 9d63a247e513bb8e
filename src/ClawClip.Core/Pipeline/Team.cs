using ClawClip.Core.Agents;

namespace ClawClip.Core.Pipeline;

/// <summary>The configured agents, by role.</summary>
public sealed class Team
{
    private readonly IReadOnlyList<TeamMember> members;

    public Team(IReadOnlyList<TeamMember> members) => this.members = members;

    public IReadOnlyList<TeamMember> Members => members;

    /// <summary>The dev agents, in name order, so every pass tries them in the same order.</summary>
    public IEnumerable<TeamMember> Devs => members.Where(m => m.Definition.Role == AgentRole.Dev).OrderBy(m => m.Name.Value, StringComparer.Ordinal);

    /// <summary>The agents that run on a model in the pipeline, devs and reviewers: when all of them are paused by an outage, the team is.</summary>
    public IReadOnlyList<AgentId> ModelAgents => [.. members.Where(m => m.Definition.Role is AgentRole.Dev or AgentRole.Qa).Select(m => m.Name)];

    /// <summary>The member called <paramref name="name"/>, or null when no such agent is configured.</summary>
    public TeamMember? Find(string? name) => members.FirstOrDefault(m => m.Name.Value == name);

    /// <summary>
    /// A reviewer for work done by <paramref name="author"/>, available at <paramref name="now"/>: never the author
    /// itself; the first by name, so the choice is reproducible. Null when there is none.
    /// </summary>
    public TeamMember? ReviewerFor(AgentId author, DateTimeOffset now) =>
        members
            .Where(m => m.Definition.Role == AgentRole.Qa && m.Name != author && m.Definition.IsAvailableAt(now))
            .OrderBy(m => m.Name.Value, StringComparer.Ordinal)
            .FirstOrDefault();
}
