using ClawClip.Core.Agents;

namespace ClawClip.Core.Tests.Escalation.Support;

/// <summary>A runtime for team members the test never runs.</summary>
internal sealed class NeverRuns : IAgentRuntime
{
    public Task<AgentRunResult> RunAsync(AgentRunRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the escalator never runs an agent");
}
