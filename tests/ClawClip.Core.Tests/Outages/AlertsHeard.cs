using ClawClip.Core.Alerts;

namespace ClawClip.Core.Tests.Outages;

/// <summary>Every alert raised, in order.</summary>
internal sealed class AlertsHeard : IAlerts
{
    public List<Alert> Alerts { get; } = [];

    public ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        Alerts.Add(alert);
        return ValueTask.CompletedTask;
    }
}
