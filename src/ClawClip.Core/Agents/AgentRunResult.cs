namespace ClawClip.Core.Agents;

/// <summary>
/// What a run produced. A run succeeded only if its process exited 0 and it did not report an error:
/// never judged by a status word alone.
/// </summary>
/// <param name="Succeeded">Exit code 0 and no error reported.</param>
/// <param name="Result">The agent's answer, in its words.</param>
/// <param name="StructuredOutput">The answer as JSON text when a schema was asked for.</param>
/// <param name="SessionId">The session to resume next time.</param>
/// <param name="CostUsd">What the run cost.</param>
/// <param name="Turns">How many turns it took.</param>
/// <param name="Failure">Why it failed, in a sentence a person can act on; null on success.</param>
public sealed record AgentRunResult(
    bool Succeeded,
    string? Result,
    string? StructuredOutput,
    string? SessionId,
    decimal CostUsd,
    int Turns,
    string? Failure)
{
    /// <summary>
    /// The tokens the run's model read and wrote: from Claude Code's <c>usage</c>, the sum of <c>input_tokens</c>,
    /// <c>output_tokens</c>, <c>cache_creation_input_tokens</c> and <c>cache_read_input_tokens</c>. Every token the
    /// model processed counts, cached or not, so a token budget bounds the work done; the price of each kind is
    /// what <see cref="CostUsd"/> weighs. 0 when the runtime reports no usage.
    /// </summary>
    public long Tokens { get; init; }

    /// <summary>Whose failure it was, when the run failed (see <see cref="IsOutage"/>); <see cref="AgentFailureKind.Agent"/> unless the runtime recognised an outage.</summary>
    public AgentFailureKind FailureKind { get; init; }

    /// <summary>How long the model's API asked to be left alone (its <c>Retry-After</c>), when the runtime knows; null otherwise.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The run failed because the model's API did, not the agent: neither an attempt nor a trust failure.</summary>
    public bool IsOutage => !Succeeded && FailureKind == AgentFailureKind.Outage;

    public static AgentRunResult Failed(string failure, string? sessionId = null, decimal costUsd = 0m, int turns = 0) =>
        new(false, null, null, sessionId, costUsd, turns, failure);
}
