using ClawClip.Core.Alerts;
using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon.Notifications;

/// <summary>
/// The daemon's <see cref="IAlerts"/>: every alert the orchestration raises is logged as a warning and handed to the
/// notifier (the webhook, when one is configured). Handing over only queues, so raising never waits on the network.
/// </summary>
public sealed partial class AlertNotifier : IAlerts
{
    private readonly INotifier notifier;
    private readonly ILogger<AlertNotifier> logger;

    public AlertNotifier(INotifier notifier, ILogger<AlertNotifier> logger)
    {
        this.notifier = notifier;
        this.logger = logger;
    }

    /// <inheritdoc />
    public ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        LogAlert(alert.Kind, alert.Title, alert.Text);
        return notifier.NotifyAsync(ToNotification(alert), cancellationToken);
    }

    /// <summary>The alert as a message: its kind picks the label, its task and agent and facts come along.</summary>
    public static Notification ToNotification(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var kind = alert.Kind switch
        {
            AlertKind.Escalation => NotificationKind.Escalation,
            AlertKind.BudgetWarning => NotificationKind.BudgetWarning,
            AlertKind.AgentPaused or AlertKind.TeamPaused => NotificationKind.AgentPaused,
            _ => NotificationKind.Info,
        };
        return new Notification(kind, alert.Title, alert.Text, alert.At) { TaskId = alert.Task, Agent = alert.Agent, Fields = alert.Fields };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "alert ({Kind}): {Title}. {Text}")]
    private partial void LogAlert(AlertKind kind, string title, string text);
}
