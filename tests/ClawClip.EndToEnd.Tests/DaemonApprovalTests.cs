using System.Diagnostics;
using ClawClip.Core.Tasks;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.State;
using Xunit.Abstractions;

namespace ClawClip.EndToEnd.Tests;

/// <summary>A person's approval while a real daemon's work pass keeps an agent busy for minutes.</summary>
public sealed class DaemonApprovalTests(ITestOutputHelper output) : IAsyncLifetime
{
    // The slow task's agent works this long: the pass it belongs to cannot end before.
    private const int SlowSeconds = 300;

    // Far shorter than the slow task, and shorter than the pass's own regular look (every 30 s): only the kick lands it
    // this soon.
    private static readonly TimeSpan LandsWithin = TimeSpan.FromSeconds(20);

    private ScriptedTeam team = null!;

    public async Task InitializeAsync() => team = await ScriptedTeam.CreateAsync();

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Approve_WhileAPassKeepsAnAgentBusy_IsLandedByTheDaemonWithinSeconds_NotAtTheEndOfThePass()
    {
        // dev-1 (an intern) takes both tasks at once; the second one's agent runs for minutes.
        team.SetDev("dev-1", maxConcurrentTasks: 2);
        team.SetMaxParallel(2);
        team.Dev("default", $$"""
            id=$(grep -o '# T-[0-9]*' "$here/dev-request-$n.json" | head -1 | cut -c3-)
            if [ "$id" = "T-0002" ]; then sleep {{SlowSeconds}}; fi
            echo "done" > "work-$id.txt"
            git add -A && git commit -q -m "work for $id"
            echo '{"is_error":false,"result":"done","num_turns":2,"total_cost_usd":0.01}'
            """);
        var quick = TaskId.Parse(await team.SubmitAsync("Quick", "--priority", "90"));
        var slow = TaskId.Parse(await team.SubmitAsync("Slow", "--priority", "10"));
        var layout = new StateLayout(team.Root);

        using var daemon = DaemonProcess.Start(team.Root, "--stop-timeout", "5s", "--run-timeout", "600s", "--check-timeout", "60s");
        try
        {
            // QA approved the intern's quick task: it waits on a person, while the slow one runs.
            await Eventually.TrueAsync(() => File.Exists(layout.TaskPath(TaskState.NeedsInput, quick)), TimeSpan.FromSeconds(90), () => "the quick task to wait for approval\n" + daemon.Output);
            Assert.True(File.Exists(layout.TaskPath(TaskState.Running, slow)), "the slow task should be running\n" + daemon.Output);

            var approved = await team.ClawclipAsync("approve", quick.Value);
            var clock = Stopwatch.StartNew();
            Assert.Contains($"{quick} approved: the daemon lands it now", approved, StringComparison.Ordinal);

            await Eventually.TrueAsync(() => File.Exists(layout.TaskPath(TaskState.Done, quick)), LandsWithin, () => $"{quick} to land within {LandsWithin.TotalSeconds} s of its approval\n{daemon.Output}");
            clock.Stop();
            Assert.True(File.Exists(layout.TaskPath(TaskState.Running, slow)), "the pass should still be busy with the slow task");
            Assert.Contains("work-T-0001.txt", team.Repository.Git("ls-tree", "--name-only", "main"), StringComparison.Ordinal);
            output.WriteLine($"landed {clock.Elapsed.TotalSeconds:0.0} s after the approval");
        }
        finally
        {
            daemon.Terminate();
            await Eventually.TrueAsync(() => daemon.HasExited, TimeSpan.FromSeconds(60), "the daemon to stop on SIGTERM");
        }
    }

    [Fact]
    public async Task Approve_WithNoDaemonRunning_SaysTheTaskLandsWithTheNextRun()
    {
        var id = await team.SubmitAsync("Write the answer");
        await team.RunOnceAsync();

        var approved = await team.ClawclipAsync("approve", id);

        Assert.Contains($"{id} approved: no daemon runs here, so it lands with the next `clawclip run --once` or `clawclip merge`", approved, StringComparison.Ordinal);
    }
}
