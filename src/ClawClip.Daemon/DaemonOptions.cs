namespace ClawClip.Daemon;

/// <summary>How the daemon paces itself and stops, where work lands, whom it notifies, and the variables it hands out.</summary>
/// <param name="Interval">How often the work loop looks for something to do when nothing woke it.</param>
/// <param name="StopTimeout">On SIGTERM, how long running agents may finish before they are killed and their tasks released.</param>
public sealed record DaemonOptions(TimeSpan Interval, TimeSpan StopTimeout)
{
    public static DaemonOptions Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>The branch work lands on and ROADMAP.md is read from; its moves wake the loops.</summary>
    public string Target { get; init; } = "main";

    /// <summary>The webhook alerts and the daily summary go to; null when none is set, and nothing is sent.</summary>
    public Notifications.WebhookOptions? Webhook { get; init; }

    /// <summary>The variables agents get theirs from (its environment and its <c>--env-file</c>); doctor checks these.</summary>
    public DaemonVariables Variables { get; init; } = DaemonVariables.FromProcess;
}
