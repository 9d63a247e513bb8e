namespace ClawClip.Daemon.Notifications;

/// <summary>
/// Tells the people watching the daemon what needs them. Delivery is best effort and off the caller's path: the
/// orchestration never waits on, or fails because of, a chat service.
/// </summary>
public interface INotifier
{
    /// <summary>
    /// Hands <paramref name="notification"/> over for delivery and returns without waiting for the network. It never
    /// throws for a delivery problem; those are logged by the notifier.
    /// </summary>
    ValueTask NotifyAsync(Notification notification, CancellationToken cancellationToken);
}
