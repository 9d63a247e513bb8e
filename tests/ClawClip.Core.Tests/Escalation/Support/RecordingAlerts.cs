using ClawClip.Core.Alerts;

namespace ClawClip.Core.Tests.Escalation.Support;

/// <summary>Keeps every alert raised.</summary>
internal sealed class RecordingAlerts : IAlerts
{
    public List<Alert> Raised { get; } = [];

    public ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        Raised.Add(alert);
        return ValueTask.CompletedTask;
    }
}
