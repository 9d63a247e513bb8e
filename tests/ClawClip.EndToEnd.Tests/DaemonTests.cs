using System.Diagnostics;
using System.Text.Json;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary><c>clawclip daemon</c> as a real process on a repository with scripted agents, stopped by real signals.</summary>
public sealed class DaemonTests : IAsyncLifetime
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

    [Fact]
    public async Task Daemon_LandsWorkSubmittedWhileItRuns_RefusesASecondInstance_AndStopsOnSigterm()
    {
        using var daemon = DaemonProcess.Start(team.Root, "--interval", "30s", "--stop-timeout", "5s", "--run-timeout", "60s", "--check-timeout", "60s");
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(team.Root, "state", "locks", "daemon.pid")) || daemon.HasExited, Deadline, "the daemon to start");

        var id = await team.SubmitAsync("Write the answer");
        await team.ClawclipAsync("kick");
        await Eventually.TrueAsync(async () => await StatusAsync(id) == "done", Deadline, () => $"{id} to be done\n{daemon.Output}");
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));

        var (exitCode, _, error) = await Clawclip.RunAsync(team.Root, "daemon");
        Assert.Equal(6, exitCode);
        Assert.Contains($"already runs on {team.Root} (pid {daemon.Id}", error, StringComparison.Ordinal);

        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.HasExited, TimeSpan.FromSeconds(30), "the daemon to stop on SIGTERM");
        Assert.Equal(0, daemon.ExitCode);
        Assert.Contains($"{id} done", daemon.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(team.Root, ".clawclip", "logs"), "daemon-*.json"));
    }

    [Fact]
    public async Task Daemon_OnSigtermWhileAnAgentHangs_KillsItAfterTheStopTimeout_AndReleasesItsTask()
    {
        var marker = Path.Combine(team.Scripts, "dev-started");
        var agent = "clawclip-test-agent-" + Guid.NewGuid().ToString("N")[..8];
        team.Dev("1", $"touch '{marker}'\nexec -a {agent} sleep 600\n");
        var id = await team.SubmitAsync("Write the answer");
        using var daemon = DaemonProcess.Start(team.Root, "--interval", "30s", "--stop-timeout", "2s", "--run-timeout", "10m");
        await Eventually.TrueAsync(() => File.Exists(marker) && Pids.Named(agent).Count == 1, Deadline, () => $"the dev to start\n{daemon.Output}");

        daemon.Terminate();

        await Eventually.TrueAsync(() => daemon.HasExited, TimeSpan.FromSeconds(60), "the daemon to stop within its stop timeout");
        await Eventually.TrueAsync(() => Pids.Named(agent).Count == 0, TimeSpan.FromSeconds(10), $"the agent ({agent}) not to outlive the daemon");
        var task = await team.ShowAsync(id);
        Assert.Equal("backlog", task.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal("daemon.stop-release", task.GetProperty("history").EnumerateArray().Last().GetProperty("policy").GetString());
        using var snapshot = JsonDocument.Parse(team.StateFile("agents/dev-1/context-snapshot.json"));
        Assert.False(string.IsNullOrEmpty(snapshot.RootElement.GetProperty("session_id").GetString())); // kept for the retry
    }

    [Fact]
    public async Task Daemon_OnSigterm_LetsTheRunningAgentFinish_ButClaimsNothingNew()
    {
        var started = Path.Combine(team.Scripts, "dev-started");
        var go = Path.Combine(team.Scripts, "go");
        team.Dev("1", $"""
            touch '{started}'
            i=0; while [ ! -f '{go}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
            {ScriptedTeam.Commit("answer.txt", "42", "write the answer")}
            """);
        team.SetMaxParallel(1);
        var first = await team.SubmitAsync("First", "--priority", "90");
        var second = await team.SubmitAsync("Second", "--priority", "10");
        using var daemon = DaemonProcess.Start(team.Root, "--interval", "30s", "--stop-timeout", "60s", "--run-timeout", "120s", "--check-timeout", "60s");
        await Eventually.TrueAsync(() => File.Exists(started), Deadline, () => $"the dev to start\n{daemon.Output}");

        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.Output.Contains("stop asked for", StringComparison.Ordinal), Deadline, () => $"the daemon to hear the stop\n{daemon.Output}");
        await File.WriteAllTextAsync(go, "");

        await Eventually.TrueAsync(() => daemon.HasExited, Deadline, () => $"the daemon to stop once the running task's step ended\n{daemon.Output}");
        Assert.Equal(0, daemon.ExitCode);
        Assert.NotEqual("backlog", await StatusAsync(first)); // it went on after the stop: its agent finished
        Assert.Equal("backlog", await StatusAsync(second));
        Assert.Single((await team.ShowAsync(second)).GetProperty("history").EnumerateArray()); // never claimed
        Assert.Single(team.Requests("dev"));
    }

    [Fact]
    public async Task Daemon_SigkilledMidRun_AndStartedAgain_FinishesTheWork_WithNoRunTwiceAndNoGapInTheLineage()
    {
        var marker = Path.Combine(team.Scripts, "dev-started");
        var agent = "clawclip-test-agent-" + Guid.NewGuid().ToString("N")[..8];
        team.Dev("1", $"touch '{marker}'\nexec -a {agent} sleep 600\n");
        var id = await team.SubmitAsync("Write the answer");
        using (var first = DaemonProcess.Start(team.Root, "--interval", "30s", "--run-timeout", "10m"))
        {
            await Eventually.TrueAsync(() => File.Exists(marker) && Pids.Named(agent).Count == 1, Deadline, () => $"the dev to start\n{first.Output}");
            using var kill = Process.Start("kill", ["-KILL", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            await Eventually.TrueAsync(() => first.HasExited, TimeSpan.FromSeconds(30), "the daemon to die");
        }

        // The agent's sandbox dies with the daemon that started it (--die-with-parent): nothing of the old run is left,
        // before any new start looks.
        await Eventually.TrueAsync(() => Pids.Named(agent).Count == 0, TimeSpan.FromSeconds(10), $"the agent ({agent}) to die with the daemon");

        using var second = DaemonProcess.Start(team.Root, "--interval", "30s", "--run-timeout", "60s", "--check-timeout", "60s");
        await Eventually.TrueAsync(async () => await StatusAsync(id) == "done", Deadline, () => $"{id} to be done after the restart\n{second.Output}");

        // The retry resumed the killed run's session.
        var requests = team.Requests("dev");
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].GetProperty("new_session_id").GetString(), requests[1].GetProperty("session_id").GetString());

        // Every event of the task has its lineage commit, in order: nothing lost, nothing doubled.
        await Eventually.TrueAsync(
            async () => (await team.ShowAsync(id)).GetProperty("history").GetArrayLength() == team.Repository.Git("log", "clawclip/state", "--format=%(trailers:key=Task,valueonly,separator=)|%s").Split('\n').Count(l => l.StartsWith(id + "|" + id, StringComparison.Ordinal)),
            Deadline,
            () => "one lineage commit per event of the task");
        second.Terminate();
        await Eventually.TrueAsync(() => second.HasExited, TimeSpan.FromSeconds(60), "the daemon to stop");
    }

    private async Task<string?> StatusAsync(string id) => (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString();
}
