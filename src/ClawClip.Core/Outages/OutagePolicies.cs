using ClawClip.Core.Agents;

namespace ClawClip.Core.Outages;

/// <summary>The rules outage decisions cite in their <c>Policy</c> trailer, and who records them.</summary>
public static class OutagePolicies
{
    /// <summary>A run failed on the model's API: not counted against the agent; it is tried again after the backoff.</summary>
    public const string Retry = "outage.retry";

    /// <summary>Too many outage failures in a row: the agent claims nothing new; its next run after the backoff is the probe.</summary>
    public const string Pause = "outage.pause";

    /// <summary>Every agent of the team is paused by an outage: the team takes no new work.</summary>
    public const string TeamPause = "outage.team-pause";

    /// <summary>A probe got an answer from the model's API: the pause (the agent's, and the team's) is lifted.</summary>
    public const string Resume = "outage.resume";

    /// <summary>An agent that had outage failures, but was not paused, got an answer again: its count starts over.</summary>
    public const string Recovered = "outage.recovered";

    /// <summary>
    /// An outage outlasted the task's lease: it goes back to the backlog, and its next claim starts no new attempt
    /// (an attempt counts the agent's tries, and this was none).
    /// </summary>
    public const string Requeue = "outage.requeue";

    /// <summary>Who records outage decisions in the lineage.</summary>
    public static Actor Keeper { get; } = new("clawclip-outage", new AgentIdentity("clawclip-outage", "outage@clawclip.invalid"), null);
}
