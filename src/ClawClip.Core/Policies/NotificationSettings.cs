namespace ClawClip.Core.Policies;

/// <summary>
/// <c>notifications:</c> in <c>clawclip.yaml</c>: where the daemon tells people what needs them, and when it sends
/// the day's summary. The webhook's URL is a secret (whoever holds it can post), so the file names the environment
/// variable holding it, never the URL: the daemon reads it from its environment (or <c>--env-file</c>).
/// </summary>
/// <param name="WebhookUrlVariable">The environment variable holding the Slack-compatible webhook URL; nothing is sent while it is unset.</param>
/// <param name="DailySummaryAt">The local time of day the summary goes out; null for no summary.</param>
public sealed record NotificationSettings(string WebhookUrlVariable, TimeOnly? DailySummaryAt)
{
    public const string DefaultWebhookUrlVariable = "CLAWCLIP_WEBHOOK_URL";

    public static NotificationSettings Default { get; } = new(DefaultWebhookUrlVariable, new TimeOnly(18, 0));
}
