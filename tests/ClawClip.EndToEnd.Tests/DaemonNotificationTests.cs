using System.Globalization;
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
}
