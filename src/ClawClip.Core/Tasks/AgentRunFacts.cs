namespace ClawClip.Core.Tasks;

/// <summary>What a task event records of the agent run behind it, besides its cost.</summary>
/// <param name="Turns">Agent turns the run took.</param>
/// <param name="Session">The agent CLI's session, which a retry resumes; null when the runtime has none.</param>
public sealed record AgentRunFacts(int Turns, string? Session)
{
    /// <summary>The tokens the run used; null when not known.</summary>
    public long? Tokens { get; init; }
}
