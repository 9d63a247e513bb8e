namespace ClawClip.Core.Alerts;

/// <summary>Nobody listens: what a run without a configured webhook gets.</summary>
public sealed class NoAlerts : IAlerts
{
    public static NoAlerts Instance { get; } = new();

    public ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
