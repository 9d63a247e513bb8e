using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Daemon.Notifications;

namespace ClawClip.Daemon.Tests.Notifications;

public sealed class NotificationTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Escalation_NamesTheTaskAndTheAgent()
    {
        var escalation = Notification.Escalation(TaskId.Parse("T-0042"), "Merge conflict on main.", At, AgentId.Parse("dev-2"));

        Assert.Equal(NotificationKind.Escalation, escalation.Kind);
        Assert.Equal("T-0042 needs a human", escalation.Title);
        Assert.Equal("Merge conflict on main.", escalation.Text);
        Assert.Equal(TaskId.Parse("T-0042"), escalation.TaskId);
        Assert.Equal(AgentId.Parse("dev-2"), escalation.Agent);
    }

    [Fact]
    public void BudgetWarning_SaysHowMuchOfTheLimitIsSpent()
    {
        var warning = Notification.BudgetWarning("dev-1 today", 4.5m, 5m, At);

        Assert.Equal(NotificationKind.BudgetWarning, warning.Kind);
        Assert.Equal("Budget warning: dev-1 today", warning.Title);
        Assert.Equal("4.50 of 5.00 USD spent (90%).", warning.Text);
        Assert.Equal([new("Spent (USD)", "4.50"), new KeyValuePair<string, string>("Limit (USD)", "5.00")], warning.Fields);
    }

    [Fact]
    public void AgentPaused_NamesTheAgent()
    {
        var paused = Notification.AgentPaused(AgentId.Parse("dev-1"), "Out of budget for today.", At);

        Assert.Equal(NotificationKind.AgentPaused, paused.Kind);
        Assert.Equal("dev-1 is paused", paused.Title);
        Assert.Equal(AgentId.Parse("dev-1"), paused.Agent);
    }

    [Fact]
    public void Constructor_WithoutATitle_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new Notification(NotificationKind.Info, " ", "text", At));
    }

    [Fact]
    public async Task NullNotifier_TakesANotificationAndDoesNothing()
    {
        var notified = NullNotifier.Instance.NotifyAsync(Notification.AgentPaused(AgentId.Parse("dev-1"), "x", At), CancellationToken.None);

        Assert.True(notified.IsCompletedSuccessfully);
        await notified;
    }
}
