using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClawClip.Daemon.Notifications;

/// <summary>
/// A <see cref="Notification"/> as the JSON body of a Slack incoming webhook: <c>text</c> (the fallback shown in
/// notifications and by clients without blocks) and <c>blocks</c> (a header, the text in mrkdwn, the fields, a context
/// line). Every text is escaped for mrkdwn and cut to Slack's limits, so a long reason never gets the whole
/// message refused with <c>invalid_blocks</c>. Anything that takes a Slack-shaped body (Mattermost, Rocket.Chat,
/// a Teams workflow) reads <c>text</c> at least.
/// </summary>
internal static class SlackMessage
{
    public const int HeaderLimit = 150;

    public const int SectionTextLimit = 3000;

    public const int FieldTextLimit = 2000;

    public const int FieldsPerSection = 10;

    // Slack takes 50 blocks; the header, the text and the context line leave room for this many sections of fields.
    public const int MaxFieldSections = 40;

    /// <summary>The message as UTF-8 JSON, ready to POST.</summary>
    public static byte[] ToUtf8Json(Notification notification) => JsonSerializer.SerializeToUtf8Bytes(Build(notification));

    public static JsonObject Build(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject
                {
                    ["type"] = "plain_text",
                    ["text"] = Cut($"{Emoji(notification.Kind)} {notification.Title}", HeaderLimit),
                    ["emoji"] = true,
                },
            },
        };

        if (!string.IsNullOrWhiteSpace(notification.Text))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Cut(Escape(notification.Text), SectionTextLimit)) });
        }

        foreach (var chunk in Fields(notification).Take(FieldsPerSection * MaxFieldSections).Chunk(FieldsPerSection))
        {
            var fields = new JsonArray();
            foreach (var (name, value) in chunk)
            {
                fields.Add(Mrkdwn(Cut($"*{Escape(name)}*\n{Escape(value)}", FieldTextLimit)));
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        var when = notification.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { Mrkdwn($"{Label(notification.Kind)} · {when} UTC · claw.clip") },
        });

        var fallback = string.IsNullOrWhiteSpace(notification.Text)
            ? $"{Label(notification.Kind)}: {notification.Title}"
            : $"{Label(notification.Kind)}: {notification.Title}\n{notification.Text}";
        return new JsonObject { ["text"] = Cut(Escape(fallback), SectionTextLimit), ["blocks"] = blocks };
    }

    /// <summary>
    /// Cuts <paramref name="text"/> to <paramref name="limit"/> characters, an ellipsis included, never inside an
    /// escape (<c>&amp;amp;</c>) or a surrogate pair.
    /// </summary>
    public static string Cut(string text, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        if (text.Length <= limit)
        {
            return text;
        }

        var end = limit - 1;
        if (char.IsLowSurrogate(text[end]))
        {
            end--;
        }

        // Escapes are at most five characters (&amp;): an '&' in the last four kept ones may have lost its ';'.
        var from = Math.Max(0, end - 4);
        var amp = text.LastIndexOf('&', end - 1, end - from);
        if (amp >= 0 && text.IndexOf(';', amp) >= end)
        {
            end = amp;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }

    /// <summary>The three characters Slack asks to escape in mrkdwn; the rest of mrkdwn is left to work.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        }

        return escaped.ToString();
    }

    private static IEnumerable<(string Name, string Value)> Fields(Notification notification)
    {
        if (notification.TaskId is { } task)
        {
            yield return ("Task", task.Value);
        }

        if (notification.Agent is { } agent)
        {
            yield return ("Agent", agent.Value);
        }

        foreach (var (name, value) in notification.Fields)
        {
            yield return (name, string.IsNullOrEmpty(value) ? "—" : value);
        }
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Emoji(NotificationKind kind) => kind switch
    {
        NotificationKind.Escalation => ":rotating_light:",
        NotificationKind.BudgetWarning => ":moneybag:",
        NotificationKind.AgentPaused => ":double_vertical_bar:",
        NotificationKind.DailySummary => ":bar_chart:",
        _ => ":information_source:",
    };

    private static string Label(NotificationKind kind) => kind switch
    {
        NotificationKind.Escalation => "Escalation",
        NotificationKind.BudgetWarning => "Budget warning",
        NotificationKind.AgentPaused => "Agent paused",
        NotificationKind.DailySummary => "Daily summary",
        _ => "Info",
    };
}
