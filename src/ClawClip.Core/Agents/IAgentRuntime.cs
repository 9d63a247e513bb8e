namespace ClawClip.Core.Agents;

/// <summary>Runs an agent once: the Claude Code CLI, or any command line that keeps the same contract.</summary>
public interface IAgentRuntime
{
    /// <summary>
    /// Runs the agent to the end, or until its timeout or <paramref name="cancellationToken"/> kills it with
    /// every process it started. Failures of the agent are results, not exceptions.
    /// </summary>
    Task<AgentRunResult> RunAsync(AgentRunRequest request, CancellationToken cancellationToken);
}
