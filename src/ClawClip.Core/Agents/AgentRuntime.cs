namespace ClawClip.Core.Agents;

/// <summary>
/// How an agent is run: the Claude Code CLI in print mode (<c>claude</c>), or any other program with its
/// arguments as a list (<c>command</c>: another CLI, or a test double). Never through a shell.
/// </summary>
public enum AgentRuntime
{
    Claude,
    Command,
}
