using System.Text.Json;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// Nothing reaches done without code, and nothing is lost on the way: <c>clawclip run --once</c>, <c>merge</c>,
/// <c>retry</c> and <c>show</c> on a real repository with scripted agents — a run with no change, files the checks
/// write, a failed task's branch and history, and a landing by <c>clawclip merge</c>.
/// </summary>
public sealed class TruthfulLandingTests : IAsyncLifetime
{
    private const string NoChange = """
        echo '{"is_error":false,"result":"nothing needed doing","session_id":"dev-session-1","num_turns":1,"total_cost_usd":0.01}'
        """;

    private ScriptedTeam team = null!;

    public async Task InitializeAsync() => team = await ScriptedTeam.CreateAsync();

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_ADevRunWithNoChange_GoesBackWithNoChangeInItsPrompt_ThenWaitsForAPerson_AndNothingLands()
    {
        await team.EarnJuniorAsync(); // a junior's approved work would land with no person in the loop
        var id = await team.SubmitAsync("Write the answer");
        team.Dev("default", NoChange);
        var mainBefore = team.Repository.Git("rev-parse", "main").Trim();

        await team.RunOnceAsync();

        // A junior gets three rounds (its tier's check rounds); each run left the branch as main is.
        var story = await team.StoryAsync(id);
        var requests = team.Requests("dev");
        Assert.True(requests.Count == 3, story);
        Assert.Contains("made no change", requests[1].GetProperty("prompt").GetString(), StringComparison.Ordinal);
        Assert.Contains("no change against main", requests[2].GetProperty("prompt").GetString(), StringComparison.Ordinal);
        Assert.Empty(team.Requests("qa"));

        var task = await team.ShowAsync(id);
        Assert.Equal("needs-input", task.GetProperty("task").GetProperty("status").GetString());
        var history = task.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal("dev.no-change-rounds-used", history[^1].GetProperty("policy").GetString());
        Assert.Equal(2, history.Count(e => e.GetProperty("policy").GetString() == "dev.no-change" && e.GetProperty("kind").GetString() == "annotation"));
        Assert.Equal(mainBefore, team.Repository.Git("rev-parse", "main").Trim());
        Assert.DoesNotContain(team.Lineage(), l => l.Contains($"{id} merging → done", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnce_FilesTheChecksWrite_NeverLand_ButWhatTheDevLeftUncommittedDoes_AndTheLandingNamesItsCommit()
    {
        // The build check leaves a marker and a Python cache behind, as real checks do.
        File.WriteAllText(Path.Combine(team.Root, "checks", "build.sh"), """
            mkdir -p out __pycache__ && echo made > out/marker.txt && echo bytecode > __pycache__/answer.cpython-312.pyc
            if grep -rq "SYNTAX ERROR" --include=*.txt .; then echo "error CS1002: ; expected (answer.txt:1)" >&2; exit 1; fi
            """);
        team.Repository.Git("commit", "-q", "-am", "a build check that writes files");
        await team.EarnJuniorAsync();
        var id = await team.SubmitAsync("Write the answer", "--acceptance", "answer.txt holds 42");
        team.Dev("1", ScriptedTeam.Commit("answer.txt", "SYNTAX ERROR", "a broken answer"));
        team.Dev("2", """
            printf '42\n' > answer.txt
            printf 'how I got there\n' > notes.txt
            echo '{"is_error":false,"result":"fixed, not committed","session_id":"dev-session-1","num_turns":4,"total_cost_usd":0.02}'
            """);

        await team.RunOnceAsync();

        var story = await team.StoryAsync(id);
        var task = await team.ShowAsync(id);
        Assert.True(task.GetProperty("task").GetProperty("status").GetString() == "done", story);
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));
        Assert.Equal("how I got there\n", team.Repository.Git("show", "main:notes.txt"));
        var everyPathEverCommitted = team.Repository.Git("log", "--all", "--format=", "--name-only");
        Assert.DoesNotContain("marker.txt", everyPathEverCommitted, StringComparison.Ordinal);
        Assert.DoesNotContain(".pyc", everyPathEverCommitted, StringComparison.Ordinal);

        // The failed first round is in the history with what failed.
        var history = task.GetProperty("history").EnumerateArray().ToList();
        var round = Assert.Single(history, e => e.GetProperty("policy").GetString() == "dev.checks-failed");
        Assert.Equal("annotation", round.GetProperty("kind").GetString());
        Assert.Contains("round 1 of 3", round.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("error CS1002", round.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The landing names the commit main points at: in the task, in the lineage's Commit trailer, in show.
        var main = team.Repository.Git("rev-parse", "main").Trim();
        Assert.Equal(main, task.GetProperty("landed_commit").GetString());
        Assert.Equal(main, history[^1].GetProperty("commit").GetString());
        Assert.Equal(main, team.Repository.Git("log", "-1", "--grep=merging → done", "--format=%(trailers:key=Commit,valueonly,separator=)", "clawclip/state").Trim());
        var text = await team.ClawclipAsync("show", id);
        Assert.Contains("landed: " + main, text, StringComparison.Ordinal);
        Assert.Contains("commit " + main, text, StringComparison.Ordinal);
        Assert.Contains("acceptance:\n  - answer.txt holds 42", text, StringComparison.Ordinal);
        Assert.Contains("cost 0.0200 USD, 4 turns", text, StringComparison.Ordinal); // the second round's run: the first is on its annotation
        Assert.Contains("session dev-session-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_ByTheMergeCommand_SettlesTheLanding_TheDevsTrustHasTheSuccess_AndTheBranchIsGone()
    {
        var id = await team.SubmitAsync("Write the answer");
        await team.RunOnceAsync(); // dev-1 is an intern: its approved work waits for a person
        await team.ClawclipAsync("approve", id);

        var output = await team.ClawclipAsync("merge");

        Assert.Contains($"{id}  merged as", output, StringComparison.Ordinal);
        Assert.Equal("done", (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString());
        using var trust = JsonDocument.Parse(team.StateFile("agents/dev-1/trust.json"));
        Assert.Equal(1, trust.RootElement.GetProperty("successes_in_a_row").GetInt32());
        Assert.Empty(team.Repository.Git("branch", "--list", "task/*").Trim());
        Assert.False(Directory.Exists(team.Repository.CloneOf(id)));
    }

    [Fact]
    public async Task RunOnce_AFailedTask_KeepsItsBranchAndEveryRound_ShowNamesTheBranch_AndRetrySendsItBackAsThePerson()
    {
        var id = await team.SubmitAsync("Write the answer");
        team.Dev("default", ScriptedTeam.Commit("answer.txt", "SYNTAX ERROR", "a broken answer"));

        await team.RunOnceAsync();

        // An intern gets two rounds: the first is an annotation, the second fails the task.
        var task = await team.ShowAsync(id);
        Assert.Equal("failed", task.GetProperty("task").GetProperty("status").GetString());
        var history = task.GetProperty("history").EnumerateArray().ToList();
        Assert.Single(history, e => e.GetProperty("policy").GetString() == "dev.checks-failed");
        Assert.Equal("dev.check-rounds-used", history[^1].GetProperty("policy").GetString());
        Assert.Equal("SYNTAX ERROR\n", team.Repository.Git("show", $"task/{id}:answer.txt"));
        Assert.Equal($"task/{id}", task.GetProperty("branch").GetString());
        Assert.Contains($"branch: task/{id} (kept", await team.ClawclipAsync("show", id), StringComparison.Ordinal);

        var (notThere, _, notThereError) = await Clawclip.RunAsync(team.Root, "retry", "T-0999", "--reason", "try again");
        Assert.True(notThere == 5, notThereError);

        await team.ClawclipAsync("retry", id, "--reason", "the build check is fixed now");

        var retried = await team.ShowAsync(id);
        Assert.Equal("backlog", retried.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal($"human|{id} failed → backlog|person.retry", team.Lineage()[0]);
        Assert.Contains("the build check is fixed now", retried.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString(), StringComparison.Ordinal);
        var (notFailed, _, notFailedError) = await Clawclip.RunAsync(team.Root, "retry", id, "--reason", "again");
        Assert.True(notFailed == 6, notFailedError);
        Assert.Contains("only a failed or needs-input task can be retried", notFailedError, StringComparison.Ordinal);

        // The retry continues from the kept branch, for one more attempt.
        team.Dev("default", ScriptedTeam.Commit("answer.txt", "42", "fix the answer"));
        await team.RunOnceAsync();
        var after = await team.ShowAsync(id);
        Assert.Equal("needs-input", after.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal(2, after.GetProperty("task").GetProperty("attempt").GetInt32());
        Assert.Contains("a broken answer", team.Repository.Git("log", "--format=%s", $"task/{id}"), StringComparison.Ordinal);
    }
}
