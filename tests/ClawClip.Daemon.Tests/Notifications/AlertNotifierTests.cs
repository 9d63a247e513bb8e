using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Tasks;
using ClawClip.Daemon.Notifications;

namespace ClawClip.Daemon.Tests.Notifications;

public sealed class AlertNotifierTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AlertKind.Escalation, NotificationKind.Escalation)]
    [InlineData(AlertKind.BudgetWarning, NotificationKind.BudgetWarning)]
    [InlineData(AlertKind.AgentPaused, NotificationKind.AgentPaused)]
    [InlineData(AlertKind.TeamPaused, NotificationKind.AgentPaused)]
    public void ToNotification_KeepsTheKindTheTaskTheAgentAndTheFacts(AlertKind kind, NotificationKind expected)
    {
        var alert = new Alert(kind, "T-0003 needs a human", "it waited 2 hours in needs-input", At)
        {
            Task = TaskId.Parse("T-0003"),
            Agent = AgentId.Parse("dev-1"),
            Fields = [new("Tier", "intern")],
        };

        var notification = AlertNotifier.ToNotification(alert);

        Assert.Equal(expected, notification.Kind);
        Assert.Equal(("T-0003 needs a human", "it waited 2 hours in needs-input", At), (notification.Title, notification.Text, notification.At));
        Assert.Equal(TaskId.Parse("T-0003"), notification.TaskId);
        Assert.Equal(AgentId.Parse("dev-1"), notification.Agent);
        Assert.Equal([new KeyValuePair<string, string>("Tier", "intern")], notification.Fields);
    }
}
