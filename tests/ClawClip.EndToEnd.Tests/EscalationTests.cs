using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// Escalation with the real daemon: an intern's approved work waits in needs-input, the daemon's escalation loop hands
/// it to the junior on the team, and the junior lands it, with what the intern handed off in its prompt.
/// </summary>
public sealed class EscalationTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private ScriptedTeam team = null!;

    public async Task InitializeAsync() => team = await ScriptedTeam.CreateAsync();

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task InternsApprovedWorkWaitingForAPerson_IsEscalatedByTheDaemon_ToTheJunior_WhoLandsItWithTheHandoff()
    {
        team.AddDev("dev-2");
        await team.EarnJuniorAsync("dev-2");
        team.Dev("1", ScriptedTeam.Commit("answer.txt", "42", "the intern wrote the answer"));
        team.Dev("2", ScriptedTeam.Commit("checked.txt", "yes", "the junior checked the answer"));
        var id = await team.SubmitAsync("Write the answer", "--estimate", "20m");

        await team.RunOnceAsync(); // dev-1 (intern) claims it first; QA approves; it waits for a person
        Assert.Equal("needs-input", await StatusAsync(id));
        Assert.Contains("20 min", await team.ClawclipAsync("show", id), StringComparison.Ordinal);

        using var daemon = DaemonProcess.Start(team.Root, "--interval", "30s", "--stop-timeout", "5s", "--run-timeout", "60s", "--check-timeout", "60s", "--needs-input-after", "0s");
        await Eventually.TrueAsync(async () => await StatusAsync(id) == "done", Deadline, () => $"{id} to be escalated to dev-2 and land\n{daemon.Output}");
        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.HasExited, TimeSpan.FromSeconds(30), "the daemon to stop on SIGTERM");

        // The escalation is in the lineage with its rule, and the junior took the task from there.
        var lineage = team.Lineage();
        var escalation = lineage.ToList().IndexOf($"claw.clip|{id} needs-input → backlog|escalate.needs-input");
        Assert.True(escalation >= 0, string.Join('\n', lineage));
        var claims = lineage.Select((line, at) => (line, at)).Where(c => c.line.EndsWith($"|{id} backlog → claimed|claim.priority-and-skills", StringComparison.Ordinal)).ToList();
        Assert.Equal(["dev-2", "dev-1"], claims.Select(c => c.line.Split('|')[0]));
        Assert.True(claims[0].at < escalation && claims[1].at > escalation, string.Join('\n', lineage)); // newest first: dev-1 before, dev-2 after
        var story = await team.StoryAsync(id);
        Assert.Contains("reserved for junior or above: dev-2 (junior) may take it", story, StringComparison.Ordinal);
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));
        Assert.Equal("yes\n", team.Repository.Git("show", "main:checked.txt"));

        // The junior's prompt carried the history and what the intern handed off; QA's carried the junior's hand-off.
        var devRequests = team.Requests("dev");
        Assert.Equal(2, devRequests.Count);
        var junior = devRequests[1];
        Assert.Equal("dev-2", junior.GetProperty("agent").GetString());
        var prompt = junior.GetProperty("prompt").GetString()!;
        Assert.Contains("## You take this task over from dev-1", prompt, StringComparison.Ordinal);
        Assert.Contains("the intern wrote the answer", prompt, StringComparison.Ordinal);
        Assert.Contains("review → needs-input by qa-1 [tier.intern-needs-approval]", prompt, StringComparison.Ordinal);
        Assert.Contains("needs-input → backlog by claw.clip [escalate.needs-input]", prompt, StringComparison.Ordinal);
        var review = team.Requests("qa")[^1].GetProperty("prompt").GetString()!;
        Assert.Contains("What dev-2 handed off with its result (its outbox)\nthe junior checked the answer", review, StringComparison.Ordinal);
    }

    private async Task<string?> StatusAsync(string id) => (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString();
}
