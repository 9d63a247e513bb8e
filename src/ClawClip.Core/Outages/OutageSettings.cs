namespace ClawClip.Core.Outages;

/// <summary>
/// How claw.clip rides out a model API outage (<c>outages:</c> in <c>clawclip.yaml</c>): the backoff between tries of
/// a run the API failed, and after how many such failures in a row an agent is paused.
/// </summary>
/// <param name="Backoff">The wait after the first outage failure (<c>backoff_seconds</c>, 30 by default).</param>
/// <param name="Factor">Each further failure in a row multiplies the wait by this (<c>backoff_factor</c>, 2).</param>
/// <param name="Cap">The longest wait, however many failures (<c>backoff_cap_seconds</c>, 600); also the probe interval of a paused agent.</param>
/// <param name="PauseAfter">Outage failures in a row that pause the agent (<c>pause_after</c>, 3).</param>
public sealed record OutageSettings(TimeSpan Backoff, double Factor, TimeSpan Cap, int PauseAfter)
{
    /// <summary>30 s, doubling, at most 10 min; paused after 3 in a row.</summary>
    public static OutageSettings Default { get; } = new(TimeSpan.FromSeconds(30), 2.0, TimeSpan.FromMinutes(10), 3);

    /// <summary>
    /// The share of each wait drawn at random and added, so that agents that failed together do not all try again in
    /// the same second (0.1: up to 10% longer). 0 makes the waits exact.
    /// </summary>
    public double Jitter { get; init; } = 0.1;
}
