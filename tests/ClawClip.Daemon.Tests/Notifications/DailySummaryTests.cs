using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Daemon.Notifications;

namespace ClawClip.Daemon.Tests.Notifications;

public sealed class DailySummaryTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 2, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2025, 3, 1);

    [Fact]
    public void Build_ADay_CountsDoneFailedCostAndPromotionsAsFieldsAndListsTheTasks()
    {
        var activity = new DailyActivity(
            Day,
            [new DailyTask(TaskId.Parse("T-0001"), "Add login"), new DailyTask(TaskId.Parse("T-0002"), "Fix logout")],
            [new DailyTask(TaskId.Parse("T-0003"), "Rewrite billing")],
            12.3456m,
            [new TierChange(AgentId.Parse("dev-1"), Tier.Intern, Tier.Junior), new TierChange(AgentId.Parse("dev-2"), Tier.Senior, Tier.Junior)]);

        var summary = DailySummary.Build(activity, At);

        Assert.Equal(NotificationKind.DailySummary, summary.Kind);
        Assert.Equal("Daily summary for 2025-03-01", summary.Title);
        Assert.Equal(At, summary.At);
        Assert.Equal(
            [new("Done", "2"), new("Failed", "1"), new("Cost (USD)", "12.35"), new KeyValuePair<string, string>("Promotions", "1")],
            summary.Fields);
        Assert.Equal(
            "*Done*\n• T-0001 Add login\n• T-0002 Fix logout\n*Failed*\n• T-0003 Rewrite billing\n"
            + "*Trust*\n• dev-1 promoted intern → junior\n• dev-2 demoted senior → junior",
            summary.Text);
    }

    [Fact]
    public void Build_AQuietDay_SaysSo()
    {
        var summary = DailySummary.Build(new DailyActivity(Day, [], [], 0m, []), At);

        Assert.Equal("A quiet day: nothing landed, nothing failed.", summary.Text);
        Assert.Equal("0.00", summary.Fields.Single(f => f.Key == "Cost (USD)").Value);
    }

    [Fact]
    public void Build_ABusyDay_ListsTheFirstTasksAndCountsTheRest()
    {
        var done = Enumerable.Range(1, 40).Select(i => new DailyTask(TaskId.FromNumber(i), $"task {i}")).ToList();

        var summary = DailySummary.Build(new DailyActivity(Day, done, [], 1m, []), At);

        Assert.Contains("• T-0015 task 15\n• and 25 more", summary.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("T-0016", summary.Text, StringComparison.Ordinal);
        Assert.Equal("40", summary.Fields.Single(f => f.Key == "Done").Value);
    }
}
