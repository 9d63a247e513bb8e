using ClawClip.Core.Agents;

namespace ClawClip.Core.Pipeline;

/// <summary>One configured agent, ready to run: its definition, its runtime, and what its process may see.</summary>
/// <param name="Definition">From <c>agents/&lt;name&gt;.yaml</c>.</param>
/// <param name="Runtime">How it runs (Claude Code, or any command line).</param>
/// <param name="Environment">Everything its process sees of the environment: the variables its definition names, and its git identity.</param>
/// <param name="SystemPrompt">Its own system prompt (the file its definition names), before the role's rules are added; empty for none.</param>
public sealed record TeamMember(AgentDefinition Definition, IAgentRuntime Runtime, IReadOnlyDictionary<string, string> Environment, string SystemPrompt)
{
    public AgentId Name => Definition.Name;
}
