using ClawClip.Core.Escalation;

namespace ClawClip.Daemon;

/// <summary>
/// The escalation loop: every interval (a minute by default), tasks waiting on a person or active past their threshold
/// are escalated — a person alerted, the decision in the lineage, the task handed to a higher tier where the team has one.
/// </summary>
public sealed class EscalationJob : IDaemonJob
{
    private readonly Escalator escalator;

    public EscalationJob(Escalator escalator, TimeSpan interval)
    {
        this.escalator = escalator;
        Interval = interval;
    }

    public string Name => "escalation";

    public TimeSpan Interval { get; }

    public Task RunAsync(CancellationToken cancellationToken) => escalator.RunAsync(cancellationToken);

    public Task AfterStopAsync(CancellationToken cancellationToken) => Task.CompletedTask; // each escalation is one transition or annotation: nothing half-done
}
