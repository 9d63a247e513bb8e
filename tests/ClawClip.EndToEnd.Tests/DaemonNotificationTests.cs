using System.Globalization;
using System.Text.Json;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.FakeWebhook;

namespace ClawClip.EndToEnd.Tests;

/// <summary>A real daemon telling a webhook on 127.0.0.1 what needs a person, and what the day brought.</summary>
public sealed class DaemonNotificationTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private ScriptedTeam team = null!;

    public async Task InitializeAsync()
    {
        team = await ScriptedTeam.CreateAsync();
        await team.EarnJuniorAsync();
    }

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    // The URL is a secret: it reaches the daemon through --env-file, as a LaunchAgent's would.
    private string EnvFile(WebhookListener webhook)
    {
        var path = Path.Combine(team.Scripts, "daemon.env");
        File.WriteAllText(path, $"CLAWCLIP_WEBHOOK_URL={webhook.Url}\n");
        return path;
    }

    [Fact]
    public async Task Daemon_WithAWebhook_SendsTheDailySummaryOfWhatLanded_AndNeverPrintsTheUrl()
    {
        await using var webhook = new WebhookListener();
        var id = await team.SubmitAsync("Write the answer");
        await team.RunOnceAsync();
        team.Configure("notifications:\n  daily_summary_at: \"00:00\"\n", "notifications: the summary is due from midnight");

        using var daemon = DaemonProcess.Start(team.Root, "--env-file", EnvFile(webhook), "--stop-timeout", "5s");
        var summary = await webhook.NextAsync();

        var today = DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal($":bar_chart: Daily summary for {today}", summary.Header);
        Assert.Contains($"{id} Write the answer", summary.Body, StringComparison.Ordinal);
        Assert.Contains("dev-1 promoted intern → junior", Strings(summary.Body), StringComparison.Ordinal); // earned before the test, within the day
        Assert.Equal("application/json", summary.ContentType?.Split(';')[0]);

        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.HasExited, TimeSpan.FromSeconds(30), "the daemon to stop on SIGTERM");
        Assert.Equal(0, daemon.ExitCode);
        Assert.Contains("alerts and the daily summary go to the webhook on http://127.0.0.1:", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", daemon.Output, StringComparison.Ordinal);
        foreach (var log in Directory.GetFiles(Path.Combine(team.Root, ".clawclip", "logs")))
        {
            Assert.DoesNotContain("secret-token", File.ReadAllText(log), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Daemon_WithAWebhook_SendsABudgetWarningAPauseAndAnEscalation_AndStopsOnSigterm()
    {
        // Each dev run costs 0.015 USD; dev-1 may spend 0.02 a day and is warned at half of it. Its first task
        // crosses the warning, its second the limit. QA's approval sends each task to needs-input (dev-1 is now an
        // intern again: no junior in this team), where it waits on a person and is escalated.
        await using var webhook = new WebhookListener();
        var intern = await ScriptedTeam.CreateAsync();
        try
        {
            intern.Dev("default", ScriptedTeam.Commit("answer-$n.txt", "42", "write the answer", cost: 0.015m));
            intern.Configure(
                "budgets:\n  agent_per_day: {usd: 0.02}\n  warn_at: 0.5\nnotifications:\n  daily_summary_at: off\n",
                "budgets and notifications");
            var first = await intern.SubmitAsync("First", "--priority", "90");
            var second = await intern.SubmitAsync("Second", "--priority", "10");
            var envFile = Path.Combine(intern.Scripts, "daemon.env");
            await File.WriteAllTextAsync(envFile, $"CLAWCLIP_WEBHOOK_URL={webhook.Url}\n");

            using var daemon = DaemonProcess.Start(intern.Root, "--env-file", envFile, "--stop-timeout", "5s", "--needs-input-after", "0s", "--escalation-interval", "1s", "--run-timeout", "60s", "--check-timeout", "60s");
            // Each alert reports a decision that is already in the lineage: the lineage is read the moment the alert
            // arrives, not polled, since polling would let an alert that outran its commit pass.
            var headers = new List<string>();
            bool Seen(string prefix) => headers.Exists(h => h.StartsWith(prefix, StringComparison.Ordinal));
            Func<string, bool>? InLineage(string header) => header switch
            {
                _ when header.StartsWith(":moneybag: budget: warning for agent dev-1", StringComparison.Ordinal) =>
                    l => l.StartsWith("clawclip-budget|budget: warning for agent dev-1", StringComparison.Ordinal),
                _ when header.StartsWith(":double_vertical_bar: budget: dev-1 paused", StringComparison.Ordinal) =>
                    l => l.StartsWith("clawclip-budget|budget: dev-1 paused for ", StringComparison.Ordinal) && l.EndsWith("|budget.agent-limit", StringComparison.Ordinal),
                _ when header.StartsWith($":rotating_light: {first}", StringComparison.Ordinal) =>
                    l => l.Contains($"{first} needs-input", StringComparison.Ordinal) && l.EndsWith("|escalate.needs-input", StringComparison.Ordinal),
                _ when header.StartsWith($":rotating_light: {second}", StringComparison.Ordinal) =>
                    l => l.Contains($"{second} needs-input", StringComparison.Ordinal) && l.EndsWith("|escalate.needs-input", StringComparison.Ordinal),
                _ => null,
            };
            while (!(Seen(":moneybag: budget: warning for agent dev-1") && Seen(":double_vertical_bar: budget: dev-1 paused")
                && Seen($":rotating_light: {first}") && Seen($":rotating_light: {second}")))
            {
                string header;
                try
                {
                    header = (await webhook.NextAsync()).Header;
                }
                catch (TimeoutException)
                {
                    Assert.Fail($"the webhook got only:\n{string.Join('\n', headers)}\n{daemon.Output}");
                    throw;
                }

                headers.Add(header);
                if (InLineage(header) is { } committed)
                {
                    var lineage = intern.Lineage();
                    Assert.True(lineage.Any(committed), $"'{header}' reached the webhook before its decision was in the lineage:\n{string.Join('\n', lineage.Take(12))}");
                }
            }

            daemon.Terminate();
            await Eventually.TrueAsync(() => daemon.HasExited, TimeSpan.FromSeconds(60), "the daemon to stop on SIGTERM");
            Assert.Equal(0, daemon.ExitCode);
            Assert.Contains("alert (BudgetWarning)", daemon.Output, StringComparison.Ordinal);

            // What a person should see is a warning in the daemon's log file: the alerts, the paused dev's refused
            // claims, the escalations; none of it hides at Information.
            var events = LogEvents(intern.Root);
            bool WarningWorthy(string message) => message.StartsWith("alert (", StringComparison.Ordinal)
                || message.StartsWith("warning: ", StringComparison.Ordinal)
                || message.Contains("dev-1 is paused (budget.agent-limit)", StringComparison.Ordinal)
                || message.Contains(" escalated: ", StringComparison.Ordinal);
            Assert.Contains(events, e => e.Level == "Warning" && e.Message.Contains("dev-1 is paused (budget.agent-limit)", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Level == "Warning" && e.Message.StartsWith($"{first} escalated: ", StringComparison.Ordinal));
            Assert.Empty(events.Where(e => e.Level == "Information" && WarningWorthy(e.Message)).Select(e => e.Message));
        }
        finally
        {
            intern.Dispose();
        }
    }

    // The daemon's JSON log events (Serilog's JsonFormatter: one object a line), as level and rendered message.
    private static List<(string Level, string Message)> LogEvents(string root)
    {
        var events = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(Path.Combine(root, ".clawclip", "logs"), "daemon-*.json"))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                using var e = JsonDocument.Parse(line);
                // The file renders string properties quoted ("T-0001" "claimed by dev-1"): read them as the console shows them.
                events.Add((e.RootElement.GetProperty("Level").GetString()!, e.RootElement.GetProperty("RenderedMessage").GetString()!.Replace("\"", string.Empty, StringComparison.Ordinal)));
            }
        }

        return events;
    }

    // Every string of a JSON body, unescaped (the body writes "→" as \u2192), one a line.
    private static string Strings(string json)
    {
        var strings = new List<string>();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String:
                    strings.Add(e.GetString()!);
                    break;
                case JsonValueKind.Object:
                    foreach (var property in e.EnumerateObject())
                    {
                        Walk(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement);
        return string.Join('\n', strings);
    }
}
