using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Daemon.Notifications;

/// <summary>
/// One message for the people watching the daemon: what happened (<see cref="Title"/>, <see cref="Text"/>), when,
/// and which task and agent it concerns. It says nothing about how it travels; <see cref="SlackMessage"/> renders it.
/// </summary>
public sealed record Notification
{
    public Notification(NotificationKind kind, string title, string text, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(text);
        Kind = kind;
        Title = title;
        Text = text;
        At = at;
    }

    public NotificationKind Kind { get; }

    public string Title { get; }

    /// <summary>
    /// The body, in Slack mrkdwn (<c>*bold*</c>, <c>`code`</c>); may be empty. <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>
    /// are sent escaped, so text an agent wrote cannot ping a channel (<c>&lt;!channel&gt;</c>) or hide a link.
    /// </summary>
    public string Text { get; }

    public DateTimeOffset At { get; }

    public TaskId? TaskId { get; init; }

    public AgentId? Agent { get; init; }

    /// <summary>Short facts shown as a grid (name, value), in this order, after the task and the agent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    /// <summary>A task needs a human: it cannot go on without a decision.</summary>
    public static Notification Escalation(TaskId task, string reason, DateTimeOffset at, AgentId? agent = null) =>
        new(NotificationKind.Escalation, $"{task} needs a human", reason, at) { TaskId = task, Agent = agent };

    /// <summary><paramref name="spentUsd"/> of <paramref name="limitUsd"/> is gone on <paramref name="what"/> (a task, an agent, the day).</summary>
    public static Notification BudgetWarning(string what, decimal spentUsd, decimal limitUsd, DateTimeOffset at)
    {
        var share = limitUsd > 0 ? (spentUsd * 100 / limitUsd).ToString("0", CultureInfo.InvariantCulture) + "%" : "all";
        return new Notification(
            NotificationKind.BudgetWarning,
            $"Budget warning: {what}",
            $"{Usd(spentUsd)} of {Usd(limitUsd)} USD spent ({share}).",
            at)
        {
            Fields = [new("Spent (USD)", Usd(spentUsd)), new("Limit (USD)", Usd(limitUsd))],
        };
    }

    /// <summary>An agent stopped taking work (out of budget, outside its hours, demoted, stopped by hand).</summary>
    public static Notification AgentPaused(AgentId agent, string reason, DateTimeOffset at) =>
        new(NotificationKind.AgentPaused, $"{agent} is paused", reason, at) { Agent = agent };

    internal static string Usd(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
