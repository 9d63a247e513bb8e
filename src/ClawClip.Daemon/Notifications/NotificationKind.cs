namespace ClawClip.Daemon.Notifications;

/// <summary>What a notification is about: it picks the message's emoji and label, and lets a reader filter.</summary>
public enum NotificationKind
{
    Info,
    Escalation,
    BudgetWarning,
    AgentPaused,
    DailySummary,
}
