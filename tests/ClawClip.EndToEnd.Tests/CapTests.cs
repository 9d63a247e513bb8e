using System.Globalization;
using System.Text.RegularExpressions;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.State;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// <c>max_concurrent_tasks</c> holds for the tasks a dev holds in the store (claimed, running, review), not only for the
/// runs of one process: checked at every moment by replaying the lineage, one commit per transition.
/// </summary>
public sealed partial class CapTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private ScriptedTeam team = null!;

    public async Task InitializeAsync()
    {
        team = await ScriptedTeam.CreateAsync();
        team.SetDev("dev-2", maxConcurrentTasks: 1);
        team.SetMaxParallel(2);
        team.Dev("default", ScriptedTeam.OneFilePerTask);
    }

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_WhileAnotherProcessWorksOnTheTaskDev1Holds_Dev1ClaimsNothingMore_AndDev2DoesTheRest()
    {
        var held = await team.SubmitAsync("Held elsewhere");
        await team.ClawclipAsync("claim", "--agent", "dev-1", "--task", held);
        var others = new[] { await team.SubmitAsync("Second"), await team.SubmitAsync("Third"), await team.SubmitAsync("Fourth") };

        // Another runner works on the held task: it holds the task's run lock all along.
        using (var otherRunner = FileLocks.TryAcquire(Path.Combine(team.Root, "state", "locks", "runs", held + ".lock")))
        {
            Assert.NotNull(otherRunner);
            await team.RunOnceAsync();
        }

        AssertNoDevEverHeldMoreThanOne();
        Assert.Equal("claimed", await StatusAsync(held));
        Assert.All(team.Requests("dev"), r => Assert.Equal("dev-2", r.GetProperty("agent").GetString()));
        foreach (var id in others)
        {
            Assert.True(await StatusAsync(id) == "needs-input", await team.StoryAsync(id)); // dev-2 is an intern
        }
    }

    [Fact]
    public async Task RunOnce_AfterARunKilledMidReview_TheTaskLeftWaitingInReviewCountsAgainstDev1_AndDev2GetsTheWork()
    {
        // dev-1's task reaches review; the reviewer hangs, and the run is SIGKILLed there.
        var marker = Path.Combine(team.Scripts, "qa-started");
        team.Qa("1", $"echo $$ > '{marker}.tmp' && mv '{marker}.tmp' '{marker}'\nexec sleep 600\n");
        var held = await team.SubmitAsync("Left in review");
        using (var run = DotnetProgram.Start("clawclip", ["run", "--once", "--run-timeout", "60s", "--check-timeout", "60s"], team.Root))
        {
            run.StandardInput.Close();
            var output = run.StandardOutput.ReadToEndAsync();
            var error = run.StandardError.ReadToEndAsync();
            await Eventually.TrueAsync(() => File.Exists(marker) || run.HasExited, Deadline, "the review to start");
            if (run.HasExited)
            {
                Assert.Fail($"run --once ended before the review: {await output}\n{await error}");
            }

            run.Kill(); // SIGKILL
            await run.WaitForExitAsync();
        }

        Assert.True(await StatusAsync(held) == "review", await team.StoryAsync(held));

        // From now on no reviewer is configured: a task reaching review waits there, held by its dev.
        team.Repository.Git("rm", "-q", "agents/qa-1.yaml");
        team.Repository.Git("commit", "-q", "-m", "no reviewer for now");
        var others = new[] { await team.SubmitAsync("Second"), await team.SubmitAsync("Third"), await team.SubmitAsync("Fourth") };

        await team.RunOnceAsync();

        AssertNoDevEverHeldMoreThanOne();
        Assert.Equal("review", await StatusAsync(held));
        var devRuns = team.Requests("dev").Select(r => r.GetProperty("agent").GetString()).ToList();
        Assert.Equal(["dev-1", "dev-2"], devRuns); // dev-1's run before the kill; then only dev-2 claims
        Assert.True(await StatusAsync(others[0]) == "review", await team.StoryAsync(others[0])); // dev-2's, waiting for a reviewer
        Assert.Equal("backlog", await StatusAsync(others[1]));
        Assert.Equal("backlog", await StatusAsync(others[2]));
    }

    // Replays the lineage, oldest first: after every transition, no dev holds more than one task in claimed, running
    // or review (a claim's author is the dev that claimed).
    private void AssertNoDevEverHeldMoreThanOne()
    {
        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        var holder = new Dictionary<string, string>(StringComparer.Ordinal);
        var log = team.Repository.Git("log", "--reverse", "clawclip/state", "--format=%an|%s").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var transitions = 0;
        foreach (var line in log)
        {
            var parts = line.Split('|', 2);
            if (Transition().Match(parts[1]) is not { Success: true } match)
            {
                continue;
            }

            transitions++;
            var (task, to) = (match.Groups["task"].Value, match.Groups["to"].Value);
            status[task] = to;
            if (to == "claimed")
            {
                holder[task] = parts[0];
            }

            var most = holder
                .Where(h => status[h.Key] is "claimed" or "running" or "review")
                .GroupBy(h => h.Value)
                .Select(g => (Dev: g.Key, Tasks: string.Join(", ", g.Select(h => h.Key))))
                .FirstOrDefault(g => g.Tasks.Contains(',', StringComparison.Ordinal));
            Assert.True(most.Dev is null, string.Create(CultureInfo.InvariantCulture, $"after '{parts[1]}' (transition {transitions}), {most.Dev} held {most.Tasks}\n{string.Join('\n', log)}"));
        }

        Assert.True(transitions >= 6, string.Join('\n', log));
    }

    private async Task<string?> StatusAsync(string id) => (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString();

    [GeneratedRegex(@"^(?<task>T-\d+) (?<from>[a-z-]+) → (?<to>[a-z-]+)$")]
    private static partial Regex Transition();
}
