using ClawClip.Core.Alerts;

namespace ClawClip.Core.Tests.Escalation.Support;

/// <summary>Keeps every alert raised, and whether the lineage held every change when it was raised.</summary>
internal sealed class RecordingAlerts : IAlerts
{
    public List<Alert> Raised { get; } = [];

    /// <summary>Asked at each raise: whether every change made so far is committed.</summary>
    public Func<bool> Committed { get; init; } = () => true;

    public List<bool> CommittedAtRaise { get; } = [];

    public ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        Raised.Add(alert);
        CommittedAtRaise.Add(Committed());
        return ValueTask.CompletedTask;
    }
}
