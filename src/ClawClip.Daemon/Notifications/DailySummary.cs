using System.Globalization;
using System.Text;
using ClawClip.Core.Agents;

namespace ClawClip.Daemon.Notifications;

/// <summary>Turns a <see cref="DailyActivity"/> into the day's summary notification: counts as fields, the tasks as lines.</summary>
public static class DailySummary
{
    // A busy day lists its first tasks by name and counts the rest; the fields carry the totals anyway.
    public const int MaxTasksListed = 15;

    public static Notification Build(DailyActivity activity, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = new StringBuilder();
        Tasks(text, "Done", activity.Done);
        Tasks(text, "Failed", activity.Failed);
        if (activity.Promotions.Count > 0)
        {
            text.Append("*Trust*\n");
            foreach (var change in activity.Promotions)
            {
                var verb = change.To > change.From ? "promoted" : "demoted";
                text.Append(CultureInfo.InvariantCulture, $"• {change.Agent} {verb} {change.From.Name()} → {change.To.Name()}\n");
            }
        }

        var body = text.Length == 0 ? "A quiet day: nothing landed, nothing failed." : text.ToString().TrimEnd();
        var day = activity.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Notification(NotificationKind.DailySummary, $"Daily summary for {day}", body, at)
        {
            Fields =
            [
                new("Done", Count(activity.Done.Count)),
                new("Failed", Count(activity.Failed.Count)),
                new("Cost (USD)", Notification.Usd(activity.CostUsd)),
                new("Promotions", Count(activity.Promotions.Count(c => c.To > c.From))),
            ],
        };
    }

    private static void Tasks(StringBuilder text, string heading, IReadOnlyList<DailyTask> tasks)
    {
        if (tasks.Count == 0)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"*{heading}*\n");
        foreach (var task in tasks.Take(MaxTasksListed))
        {
            text.Append(CultureInfo.InvariantCulture, $"• {task.Id} {task.Title}\n");
        }

        if (tasks.Count > MaxTasksListed)
        {
            text.Append(CultureInfo.InvariantCulture, $"• and {tasks.Count - MaxTasksListed} more\n");
        }
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
