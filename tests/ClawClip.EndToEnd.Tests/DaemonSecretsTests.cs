using System.Text;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// A secret given to the real daemon in its <c>--env-file</c> stays in the daemon's memory: it is not in the daemon's
/// process environment (which an agent outside a sandbox reads in <c>/proc/&lt;pid&gt;/environ</c>), the agent whose
/// file lists it gets it, and the agent whose file does not never sees it.
/// </summary>
public sealed class DaemonSecretsTests : IAsyncLifetime
{
    private const string Variable = "CLAWCLIP_TEST_CANARY";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string canary = "canary-" + Guid.NewGuid().ToString("N");
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
    public async Task Daemon_WithASecretInItsEnvFile_KeepsItOutOfItsOwnEnvironment_AndGivesItOnlyToTheAgentThatListsIt()
    {
        // dev-1 lists the variable; qa-1 does not. Each says what it was given: the dev in a file it commits, QA in its verdict.
        File.AppendAllText(Path.Combine(team.Root, "agents", "dev-1.yaml"), $"env: [{Variable}]\n");
        team.Repository.Git("commit", "-q", "-am", $"dev-1 may see {Variable}");
        team.Dev("default", $$"""
            printf '%s\n' "${{{Variable}}-absent}" > seen-by-dev.txt
            git add -A && git commit -q -m 'what the dev was given'
            echo '{"is_error":false,"result":"done","total_cost_usd":0.01,"num_turns":1}'
            """);
        team.Qa("default", $$"""
            echo "{\"is_error\":false,\"structured_output\":{\"verdict\":\"approve\",\"summary\":\"qa was given ${{{Variable}}-absent}\",\"comments\":[]},\"total_cost_usd\":0.002,\"num_turns\":1}"
            """);
        var envFile = Path.Combine(team.Scripts, "daemon.env");
        await File.WriteAllTextAsync(envFile, $"{Variable}={canary}\n");

        using var daemon = DaemonProcess.Start(team.Root, "--env-file", envFile, "--stop-timeout", "5s", "--run-timeout", "60s", "--check-timeout", "60s");
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(team.Root, "state", "locks", "daemon.pid")) || daemon.HasExited, Deadline, "the daemon to start");
        var id = await team.SubmitAsync("Say what you were given");
        await team.ClawclipAsync("kick");
        await Eventually.TrueAsync(async () => (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString() == "done", Deadline, () => $"{id} to be done\n{daemon.Output}");

        // What another process of this user reads of the daemon: its environment has PATH (so the read is real), not the secret.
        var environ = Encoding.UTF8.GetString(await File.ReadAllBytesAsync($"/proc/{daemon.Id}/environ")).Split('\0');
        Assert.Contains(environ, v => v.StartsWith("PATH=", StringComparison.Ordinal));
        Assert.DoesNotContain(environ, v => v.StartsWith(Variable + "=", StringComparison.Ordinal) || v.Contains(canary, StringComparison.Ordinal));

        Assert.Equal(canary + "\n", team.Repository.Git("show", "main:seen-by-dev.txt"));
        var story = await team.StoryAsync(id);
        Assert.Contains("qa-1 approved: qa was given absent", story, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, story, StringComparison.Ordinal);

        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.HasExited, TimeSpan.FromSeconds(30), "the daemon to stop on SIGTERM");
        Assert.Equal(0, daemon.ExitCode);
        Assert.DoesNotContain(canary, daemon.Output, StringComparison.Ordinal);
    }
}
