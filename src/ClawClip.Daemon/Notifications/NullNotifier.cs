namespace ClawClip.Daemon.Notifications;

/// <summary>The notifier when no webhook is configured: notifications go nowhere, and nothing is queued.</summary>
public sealed class NullNotifier : INotifier
{
    private NullNotifier()
    {
    }

    public static NullNotifier Instance { get; } = new();

    public ValueTask NotifyAsync(Notification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
