using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon;

/// <summary>The daemon's own log events.</summary>
internal static partial class DaemonLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "claw.clip daemon started on {Repository} ({Process})")]
    public static partial void Started(ILogger logger, string repository, string process);

    [LoggerMessage(Level = LogLevel.Information, Message = "alerts and the daily summary go to the {Webhook}")]
    public static partial void Notifying(ILogger logger, Notifications.WebhookOptions webhook);

    [LoggerMessage(Level = LogLevel.Information, Message = "claw.clip daemon on {Repository} stopped")]
    public static partial void Stopped(ILogger logger, string repository);
}
