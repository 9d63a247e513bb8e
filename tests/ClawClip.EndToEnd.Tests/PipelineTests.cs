using System.Text.Json;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// <c>clawclip run --once</c> on a real repository with scripted agents (the <c>command</c> runtime): dev in its
/// worktree, the dev→QA check, QA's verdicts, the merge queue, trust — each step checked on main, on the task
/// and in the lineage.
/// </summary>
public sealed class PipelineTests : IAsyncLifetime
{
    private ScriptedTeam team = null!;

    public async Task InitializeAsync() => team = await ScriptedTeam.CreateAsync();

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_DevThenReviseThenApprove_WaitsForAPersonForAnIntern_ThenLandsOnMain()
    {
        var id = await team.SubmitAsync("Write the answer", "--spec", "answer.txt holds the answer");
        team.Dev("1", ScriptedTeam.Commit("answer.txt", "41", "first try"));
        team.Dev("2", ScriptedTeam.Commit("answer.txt", "42", "fix the answer"));
        team.Qa("1", ScriptedTeam.Revise("answer.txt", 1, "the answer is 42, not 41"));
        team.Qa("2", ScriptedTeam.Approve("42 it is"));

        await team.RunOnceAsync();

        // dev-1 is an intern: QA approved, and the work waits for a person.
        var waiting = await team.ShowAsync(id);
        Assert.Equal("needs-input", waiting.GetProperty("task").GetProperty("status").GetString());
        Assert.DoesNotContain("answer.txt", team.Repository.Git("ls-tree", "--name-only", "main"), StringComparison.Ordinal);

        // The revise comments reached the dev's second run, in its prompt and its context snapshot's history.
        var devRequests = team.Requests("dev");
        Assert.Equal(2, devRequests.Count);
        Assert.Contains("answer.txt:1: the answer is 42, not 41", devRequests[1].GetProperty("prompt").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, team.Requests("qa").Count);

        await team.ClawclipAsync("approve", id);
        await team.RunOnceAsync();

        var done = await team.ShowAsync(id);
        Assert.Equal("done", done.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));
        Assert.Equal("dev-1 (claw.clip agent)", team.Repository.Git("log", "-1", "--format=%an", "main", "--", "answer.txt").Trim());

        var policies = team.Lineage().Where(l => l.Contains(id, StringComparison.Ordinal)).Select(l => l.Split('|')[2]).Reverse().ToList();
        Assert.Equal(
            ["intake.submit", "claim.priority-and-skills", "dev.start", "dev.checks-passed", "qa.revise", "dev.checks-passed", "tier.intern-needs-approval", "person.approve", "merge.gate-passed"],
            policies.Where(p => !p.StartsWith("trust.", StringComparison.Ordinal) && !p.StartsWith("agent.", StringComparison.Ordinal)));

        // Cost and turns of the runs are on the task's history.
        var history = done.GetProperty("history").EnumerateArray().ToList();
        var toReview = history.Where(e => e.GetProperty("policy").GetString() == "dev.checks-passed").ToList();
        Assert.All(toReview, e => Assert.Equal(0.0125m, e.GetProperty("cost_usd").GetDecimal()));
        Assert.All(toReview, e => Assert.Equal(3, e.GetProperty("turns").GetInt32()));

        // The worktree is gone and so is the merged branch; the dev earned a success.
        Assert.Empty(team.Repository.Git("branch", "--list", "task/*").Trim());
        using var trust = JsonDocument.Parse(team.StateFile("agents/dev-1/trust.json"));
        Assert.Equal(1, trust.RootElement.GetProperty("successes_in_a_row").GetInt32());
    }

    [Fact]
    public async Task RunOnce_AResultThatBreaksTheBuild_NeverReachesQa_AndTheDevGetsTheOutput()
    {
        var id = await team.SubmitAsync("Write the answer");
        team.Dev("1", ScriptedTeam.Commit("answer.txt", "SYNTAX ERROR", "a broken answer"));
        team.Dev("2", ScriptedTeam.Commit("answer.txt", "42", "fix the build"));

        await team.RunOnceAsync();

        var devRequests = team.Requests("dev");
        Assert.Equal(2, devRequests.Count);
        Assert.Contains("error CS1002: ; expected (answer.txt:1)", devRequests[1].GetProperty("prompt").GetString(), StringComparison.Ordinal);

        // QA saw only the fixed result: one review, of a diff without the broken line.
        var qaRequests = team.Requests("qa");
        Assert.Single(qaRequests);
        Assert.DoesNotContain("SYNTAX ERROR", qaRequests[0].GetProperty("prompt").GetString()!.Split("## The result to review")[1], StringComparison.Ordinal);
        Assert.Equal("needs-input", (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString());
        Assert.Contains(team.Lineage(), l => l.Contains("context snapshot", StringComparison.Ordinal) || l.Contains("agent.context-snapshot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_AFourthRevise_FailsTheTask_AndMainIsUntouched_AndItsBranchIsKept()
    {
        var id = await team.SubmitAsync("Write the answer");
        team.Qa("default", ScriptedTeam.Revise("answer.txt", 1, "still wrong"));
        var mainBefore = team.Repository.Git("rev-parse", "main").Trim();

        await team.RunOnceAsync();

        var task = await team.ShowAsync(id);
        Assert.Equal("failed", task.GetProperty("task").GetProperty("status").GetString());
        var story = await team.StoryAsync(id);
        Assert.True(team.Requests("dev").Count == 4, story);
        Assert.Equal(4, team.Requests("qa").Count);
        var last = task.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("qa.revise-limit", last.GetProperty("policy").GetString());
        Assert.Contains("fourth", last.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(mainBefore, team.Repository.Git("rev-parse", "main").Trim());
        Assert.Equal($"task/{id}", team.Repository.Git("branch", "--list", "--format=%(refname:short)", "task/*").Trim()); // the failed work is kept
    }

    [Fact]
    public async Task RunOnce_AMergeConflict_GoesBackToTheDevWithTheConflictedFiles_AndLandsOnceResolved()
    {
        var id = await team.SubmitAsync("Write the answer");

        // While the work waits for approval, someone lands a different answer.txt on main.
        await team.RunOnceAsync();
        await File.WriteAllTextAsync(Path.Combine(team.Root, "answer.txt"), "forty-two\n");
        team.Repository.Git("add", "answer.txt");
        team.Repository.Git("commit", "-q", "-m", "a person's answer");
        team.Dev("2", """
            printf '42\n' > answer.txt
            git add -A && git commit -q -m 'resolve the conflict'
            echo '{"is_error":false,"result":"resolved","num_turns":2,"total_cost_usd":0.01}'
            """);
        await team.ClawclipAsync("approve", id);
        await team.RunOnceAsync();
        Assert.Equal("needs-input", (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString());
        await team.ClawclipAsync("approve", id);
        await team.RunOnceAsync();

        var prompt = team.Requests("dev")[1].GetProperty("prompt").GetString()!;
        Assert.Contains("conflicts in answer.txt", prompt, StringComparison.Ordinal);
        Assert.Contains("these files have conflicts to resolve (then commit): answer.txt", prompt, StringComparison.Ordinal);
        var story = await team.StoryAsync(id);
        Assert.True((await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString() == "done", story);
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));
        Assert.Contains(team.Lineage(), l => l.EndsWith("|merge.conflict", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_ADevRunThatIsKilled_GoesBackToTheBacklog_AndTheRetryResumesItsSession()
    {
        var id = await team.SubmitAsync("Write the answer");
        team.Dev("1", "kill -9 $$\n");

        await team.RunOnceAsync();

        var requests = team.Requests("dev");
        Assert.Equal(2, requests.Count);
        var started = requests[0].GetProperty("new_session_id").GetString();
        Assert.False(string.IsNullOrEmpty(started));
        Assert.Equal(JsonValueKind.Null, requests[0].GetProperty("session_id").ValueKind);
        Assert.Equal(started, requests[1].GetProperty("session_id").GetString());

        var history = (await team.ShowAsync(id)).GetProperty("history").EnumerateArray().ToList();
        var failedRun = history.Single(e => e.GetProperty("policy").GetString() == "dev.run-failed.retry");
        Assert.Contains("SIGKILL", failedRun.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(started, failedRun.GetProperty("session").GetString());
        Assert.Equal(2, history.Last().GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task RunOnce_ADevWhoseOutputIsNotJson_FailsWithAClearReason_AndItsTrustDrops()
    {
        var id = await team.SubmitAsync("Write the answer", "--max-attempts", "1");
        team.Dev("default", "echo 'I think I did it?'\n");

        var output = await team.RunOnceAsync();

        var task = await team.ShowAsync(id);
        Assert.Equal("failed", task.GetProperty("task").GetProperty("status").GetString());
        var reason = task.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString()!;
        Assert.Contains("JSON", reason, StringComparison.Ordinal);
        Assert.Contains("failed", output, StringComparison.Ordinal);
        Assert.Empty(team.Requests("qa"));
        using var trust = JsonDocument.Parse(team.StateFile("agents/dev-1/trust.json"));
        Assert.True(trust.RootElement.GetProperty("failures_in_a_row").GetInt32() >= 1);
    }

    [Fact]
    public async Task RunOnce_ThreeLandedTasksPromoteTheDev_AndThreeFailuresDemoteIt_InTrustJsonAndLineage()
    {
        for (var i = 1; i <= 3; i++)
        {
            var id = await team.SubmitAsync($"Answer {i}");
            team.Dev("default", ScriptedTeam.Commit($"answer-{i}.txt", "42", $"answer {i}"));
            await team.RunOnceAsync();
            await team.ClawclipAsync("approve", id);
            await team.RunOnceAsync();
        }

        Assert.Equal("junior", Tier());
        Assert.Contains(team.Lineage(), l => l.Contains("dev-1 promoted intern → junior", StringComparison.Ordinal) && l.EndsWith("|trust.promotion", StringComparison.Ordinal));

        // A junior's approved work goes straight to the merge queue.
        var fourth = await team.SubmitAsync("Answer 4");
        team.Dev("default", ScriptedTeam.Commit("answer-4.txt", "42", "answer 4"));
        await team.RunOnceAsync();
        Assert.Equal("done", (await team.ShowAsync(fourth)).GetProperty("task").GetProperty("status").GetString());

        team.Dev("default", "exit 1\n");
        for (var i = 5; i <= 7; i++)
        {
            await team.SubmitAsync($"Answer {i}", "--max-attempts", "1");
        }

        await team.RunOnceAsync();

        Assert.Equal("intern", Tier());
        Assert.Contains(team.Lineage(), l => l.Contains("dev-1 demoted junior → intern", StringComparison.Ordinal) && l.EndsWith("|trust.demotion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_AReviewerThatAnswersNonsense_StopsTheTaskForAPerson_UnderTheDefaultHalt_AndTheNextRunLeavesIt()
    {
        var id = await team.SubmitAsync("Write the answer");
        team.Qa("default", "echo 'LGTM'\n");

        var output = await team.RunOnceAsync();
        await team.RunOnceAsync();

        Assert.Equal("needs-input", (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString());
        Assert.Equal(2, team.Requests("qa").Count);
        Assert.Contains("qa-to-merge is set to halt", output, StringComparison.Ordinal);
        Assert.Contains(team.Lineage(), l => l.StartsWith("claw.clip|qa-1 failed at " + id, StringComparison.Ordinal));
        Assert.Contains(team.Lineage(), l => l.StartsWith($"qa-1|{id} review → needs-input|failure-policy.qa-to-merge.halt", StringComparison.Ordinal));
        Assert.Equal(2, team.Lineage().Count(l => l.StartsWith($"qa-1|{id} review: qa.no-verdict", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunOnce_AReviewerThatAnswersNonsense_UnderQaToMergeContinue_LandsThroughTheGateWithAWarning()
    {
        team.SetFailurePolicy("qa-to-merge", "continue");
        team.Dev("default", ScriptedTeam.Commit("answer.txt", "42", "write the answer"));
        var id = await team.SubmitAsync("Write the answer");
        team.Qa("default", "echo 'LGTM'\n");

        await team.RunOnceAsync();

        var story = await team.StoryAsync(id);
        Assert.Contains("[failure-policy.qa-to-merge.continue] warning: qa-to-merge is set to continue", story, StringComparison.Ordinal);
        Assert.True((await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString() == "done", story);
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));
    }

    [Fact]
    public async Task RunOnce_AfterTheRunnerIsSigkilledMidRun_ItsAgentDiesWithIt_AndTheNextRunResumesItsSession()
    {
        var marker = Path.Combine(team.Scripts, "dev-started");
        var agent = "clawclip-test-agent-" + Guid.NewGuid().ToString("N")[..8];
        team.Dev("1", $"touch '{marker}'\nexec -a {agent} sleep 600\n");
        var id = await team.SubmitAsync("Write the answer");
        using (var first = DotnetProgram.Start("clawclip", ["run", "--once", "--run-timeout", "10m"], team.Root))
        {
            await Eventually.TrueAsync(() => File.Exists(marker) && Pids.Named(agent).Count == 1, TimeSpan.FromSeconds(90), "the dev to start");
            first.Kill(); // SIGKILL to the runner alone: its agent runs in a session of its own, but in a sandbox that dies with the runner
            await first.WaitForExitAsync();
        }

        await Eventually.TrueAsync(() => Pids.Named(agent).Count == 0, TimeSpan.FromSeconds(10), $"the agent ({agent}) to die with its runner");

        await team.RunOnceAsync();

        var requests = team.Requests("dev");
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].GetProperty("new_session_id").GetString(), requests[1].GetProperty("session_id").GetString());
        Assert.Equal("needs-input", (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString());
    }

    private string Tier()
    {
        using var trust = JsonDocument.Parse(team.StateFile("agents/dev-1/trust.json"));
        return trust.RootElement.GetProperty("tier").GetString()!;
    }
}
