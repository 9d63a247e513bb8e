using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon.Notifications;

/// <summary>
/// What <see cref="WebhookNotifier"/> logs, as message templates with named properties. The webhook URL is never one
/// of them: it is a secret.
/// </summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Webhook delivered {Kind} notification {Title} on attempt {Attempt} ({Detail})")]
    public static partial void Delivered(ILogger logger, NotificationKind kind, string title, int attempt, string detail);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Webhook attempt {Attempt} of {MaxAttempts} for {Kind} notification {Title} failed: {Problem}; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, int attempt, int maxAttempts, NotificationKind kind, string title, string problem, TimeSpan delay);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Webhook gave up on {Kind} notification {Title} after {Attempts} attempts: {Problem}")]
    public static partial void GaveUp(ILogger logger, NotificationKind kind, string title, int attempts, string problem);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Webhook refused {Kind} notification {Title}: {Problem}; not retried, check the webhook URL and the message")]
    public static partial void Rejected(ILogger logger, NotificationKind kind, string title, string problem);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Notification queue full ({Capacity} waiting): dropped the oldest, {Kind} notification {Title}; {Dropped} dropped since start")]
    public static partial void Dropped(ILogger logger, int capacity, NotificationKind kind, string title, long dropped);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Webhook could not deliver {Kind} notification {Title} before shutdown: {Problem}")]
    public static partial void UndeliveredAtShutdown(ILogger logger, NotificationKind kind, string title, string problem);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Notifier stopped after its flush deadline ({FlushTimeout}) with {Undelivered} notifications undelivered")]
    public static partial void Abandoned(ILogger logger, TimeSpan flushTimeout, int undelivered);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Notifier is stopped: {Kind} notification {Title} not sent")]
    public static partial void NotAccepted(ILogger logger, NotificationKind kind, string title);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Notifier failed on {Kind} notification {Title} and skipped it")]
    public static partial void Failed(ILogger logger, Exception exception, NotificationKind kind, string title);
}
