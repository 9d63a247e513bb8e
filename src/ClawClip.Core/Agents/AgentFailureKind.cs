namespace ClawClip.Core.Agents;

/// <summary>Whose failure a failed run was: the agent's own, or the world's (its model's API was down).</summary>
public enum AgentFailureKind
{
    /// <summary>The agent failed: an error it reported, no answer, out of turns or budget, killed at its timeout.</summary>
    Agent,

    /// <summary>
    /// The model's API failed the run — HTTP 5xx, 429, overloaded (529), a refused connection, a request that timed
    /// out — or a <c>command</c> agent said <c>"failure_kind": "outage"</c>. Not the agent's doing: it costs no
    /// attempt and no trust, and the run is tried again after a backoff.
    /// </summary>
    Outage,
}
