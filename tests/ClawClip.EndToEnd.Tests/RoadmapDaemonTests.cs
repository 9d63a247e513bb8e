using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// From ROADMAP.md to merged code with no human step: <c>clawclip daemon</c> (a real process) with a scripted planner,
/// dev and reviewer plans each unchecked goal, develops, reviews and merges its tasks, and ticks the box on main.
/// </summary>
public sealed class RoadmapDaemonTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);
    private ScriptedTeam team = null!;

    public async Task InitializeAsync()
    {
        team = await ScriptedTeam.CreateAsync();
        team.Dev("default", ScriptedTeam.OneFilePerTask);

        await team.EarnJuniorAsync();
    }

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Daemon_PlansDevelopsReviewsAndMergesThreeGoals_AndTicksTheirBoxesOnMain()
    {
        CommitRoadmap("- [ ] Greet in English <!-- goal: english -->", "- [ ] Greet in French <!-- goal: french -->", "- [ ] Greet in German <!-- goal: german -->", "- [x] Already done <!-- goal: old -->");

        using var daemon = DaemonProcess.Start(team.Root, "--interval", "30s", "--stop-timeout", "5s", "--run-timeout", "60s", "--check-timeout", "60s");
        await Eventually.TrueAsync(() => Roadmap().Split('\n').Count(l => l.StartsWith("- [x]", StringComparison.Ordinal)) == 4, Deadline, () => $"all three boxes ticked on main\n{Roadmap()}\n{daemon.Output}");

        // Six tasks, two per goal, every one landed; each goal's story is in the lineage (written at the end of the
        // PM's step, a moment after the tick).
        var main = team.Repository.Git("ls-tree", "--name-only", "main");
        Assert.Equal(6, main.Split('\n').Count(f => f.StartsWith("work-T-", StringComparison.Ordinal)));
        await Eventually.TrueAsync(() => team.Lineage().Count(l => l.EndsWith("|pm.goal-done", StringComparison.Ordinal)) == 3, Deadline, () => "the three goals done in the lineage\n" + string.Join('\n', team.Lineage()));
        var lineage = team.Lineage();
        foreach (var goal in new[] { "G-english", "G-french", "G-german" })
        {
            Assert.True(lineage.Contains($"planner|{goal} planned: 2 task(s)|pm.goal-planned"), string.Join('\n', lineage.Where(l => l.Contains(goal, StringComparison.Ordinal))));
            Assert.Contains(lineage, l => l == $"clawclip-pm|{goal} done: ticked in ROADMAP.md|pm.goal-done");
        }

        Assert.DoesNotContain(lineage, l => l.Contains("G-old", StringComparison.Ordinal));
        Assert.Contains("planner's run: 2 turns, 0.0100 USD.", team.Repository.Git("log", "-1", "--format=%b", "--grep=^G-english planned", "clawclip/state"), StringComparison.Ordinal);
        Assert.Equal(["clawclip-pm"], team.Repository.Git("log", "--format=%an", "--grep=^Tick G-", "main").Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct());

        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.HasExited, Deadline, () => "the daemon to stop");
    }

    [Fact]
    public async Task Daemon_WhenThePlannerAnswersGarbage_WarnsInLogAndLineage_AndExistingTasksKeepRunning()
    {
        var existing = await team.SubmitAsync("A task planned earlier");
        team.Planner("default", """
            if grep -q 'Goal G-french' "$here/planner-request-$n.json"; then echo '{"is_error":false,"structured_output":{"tasks":"later"}}'; exit 0; fi

            """ + ScriptedTeam.TwoTasksPerGoal);
        CommitRoadmap("- [ ] Greet in English <!-- goal: english -->", "- [ ] Greet in French <!-- goal: french -->");

        using var daemon = DaemonProcess.Start(team.Root, "--interval", "30s", "--stop-timeout", "5s", "--run-timeout", "60s", "--check-timeout", "60s");
        await Eventually.TrueAsync(() => Roadmap().Contains("- [x] Greet in English", StringComparison.Ordinal), Deadline, () => $"the English goal ticked\n{daemon.Output}");

        Assert.Contains("- [ ] Greet in French", Roadmap(), StringComparison.Ordinal);
        Assert.Contains(team.Lineage(), l => l == "planner|G-french planning failed|failure-policy.trigger-to-planner.continue");
        Assert.Contains("WRN trigger-to-planner is set to continue", daemon.Output, StringComparison.Ordinal); // logged at warning level
        Assert.Contains("array", team.StateFile("goals/G-french.json"), StringComparison.Ordinal);
        Assert.Equal("done", (await team.ShowAsync(existing)).GetProperty("task").GetProperty("status").GetString());

        daemon.Terminate();
        await Eventually.TrueAsync(() => daemon.HasExited, Deadline, () => "the daemon to stop");
    }

    private void CommitRoadmap(params string[] items)
    {
        File.WriteAllText(Path.Combine(team.Root, "ROADMAP.md"), "# Roadmap\n\n" + string.Join('\n', items) + "\n");
        team.Repository.Git("add", "ROADMAP.md");
        team.Repository.Git("commit", "-q", "-m", "the roadmap");
    }

    private string Roadmap() => team.Repository.Git("show", "main:ROADMAP.md");
}
