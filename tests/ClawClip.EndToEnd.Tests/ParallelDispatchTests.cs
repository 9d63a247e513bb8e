using System.Text.Json;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// Several agents at once in <c>clawclip run --once</c>, with scripted devs that prove it: each marks that it runs and
/// looks for the other task's mark, so two tasks both land only if their devs truly ran side by side, and with one
/// slot the marks show the runs one after the other.
/// </summary>
public sealed class ParallelDispatchTests : IAsyncLifetime
{
    // A dev's first run on a task: mark it started, wait (30 s at most) until both tasks are, then commit. A dev that
    // waited in vain leaves an "alone" mark and fails its run.
    private const string WaitForBothThenCommit = """
        id=$(grep -o '# T-[0-9]*' "$here/dev-request-$n.json" | head -1 | cut -c3-)
        touch "$here/started-$id"
        deadline=$((SECONDS + 30))
        until [ -f "$here/started-T-0001" ] && [ -f "$here/started-T-0002" ]; do
          if [ "$SECONDS" -ge "$deadline" ]; then
            touch "$here/alone-$id"
            echo '{"is_error":true,"result":"the other task never started"}'
            exit 0
          fi
          sleep 0.05
        done
        echo "first" > "work-$id.txt"
        git add -A && git commit -q -m "work for $id"
        echo '{"is_error":false,"result":"done","num_turns":2,"total_cost_usd":0.01}'
        """;

    private ScriptedTeam team = null!;

    public async Task InitializeAsync() => team = await ScriptedTeam.CreateAsync();

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_TwoDevsAndTwoIndependentTasks_RunBothAtOnce()
    {
        team.SetDev("dev-2", maxConcurrentTasks: 1);
        team.SetMaxParallel(2);
        team.Dev("default", WaitForBothThenCommit);
        var first = await team.SubmitAsync("First half");
        var second = await team.SubmitAsync("Second half");

        await team.RunOnceAsync();

        Assert.Empty(Directory.GetFiles(team.Scripts, "alone-*"));
        var requests = team.Requests("dev");
        Assert.Equal(2, requests.Count);
        Assert.Equal(["dev-1", "dev-2"], requests.Select(r => r.GetProperty("agent").GetString()).Order(StringComparer.Ordinal));
        foreach (var id in new[] { first, second })
        {
            Assert.True(await StatusAsync(id) == "needs-input", await team.StoryAsync(id)); // both devs are interns
        }
    }

    [Fact]
    public async Task RunOnce_WithMaxParallelOneOnTheCommandLine_RunsTheDevsOneAfterTheOther()
    {
        team.SetDev("dev-2", maxConcurrentTasks: 1);
        team.SetMaxParallel(2); // --max-parallel 1 overrides it
        team.Dev("default", """
            id=$(grep -o '# T-[0-9]*' "$here/dev-request-$n.json" | head -1 | cut -c3-)
            other=T-0001; [ "$id" = T-0001 ] && other=T-0002
            echo "start $id" >> "$here/timeline"
            touch "$here/running-$id"
            deadline=$((SECONDS + 2))
            while [ "$SECONDS" -lt "$deadline" ]; do
              if [ -f "$here/running-$other" ]; then touch "$here/saw-$id"; break; fi
              sleep 0.05
            done
            rm "$here/running-$id"
            echo "end $id" >> "$here/timeline"
            echo "done" > "work-$id.txt"
            git add -A && git commit -q -m "work for $id"
            echo '{"is_error":false,"result":"done","num_turns":2,"total_cost_usd":0.01}'
            """);
        var first = await team.SubmitAsync("First half");
        var second = await team.SubmitAsync("Second half");

        await team.RunOnceAsync("--max-parallel", "1");

        Assert.Empty(Directory.GetFiles(team.Scripts, "saw-*"));
        var timeline = File.ReadAllLines(Path.Combine(team.Scripts, "timeline"));
        Assert.Equal(4, timeline.Length);
        Assert.Equal(timeline[0].Replace("start", "end", StringComparison.Ordinal), timeline[1]);
        Assert.Equal(timeline[2].Replace("start", "end", StringComparison.Ordinal), timeline[3]);
        Assert.NotEqual(timeline[0], timeline[2]);
        Assert.Equal("needs-input", await StatusAsync(first));
        Assert.Equal("needs-input", await StatusAsync(second));
    }

    [Fact]
    public async Task RunOnce_ADevWithTwoSlots_WorksOnTwoTasksAtOnce_AndEachRevisionResumesItsOwnTasksSession()
    {
        team.SetDev("dev-1", maxConcurrentTasks: 2);
        team.Dev("default", $$"""
            id=$(grep -o '# T-[0-9]*' "$here/dev-request-$n.json" | head -1 | cut -c3-)
            if [ -f "$here/ran-$id" ]; then
              echo "second" > "work-$id.txt"
              git add -A && git commit -q -m "revise $id"
              echo '{"is_error":false,"result":"revised","num_turns":2,"total_cost_usd":0.01}'
            else
              touch "$here/ran-$id"
            {{WaitForBothThenCommit}}
            fi
            """);

        // QA asks once for a revision of each task (its file says "first"), then approves.
        team.Qa("default", $$"""
            id=$(grep -o '# T-[0-9]*' "$here/qa-request-$n.json" | head -1 | cut -c3-)
            if grep -q first "work-$id.txt"; then
            {{ScriptedTeam.Revise("work.txt", 1, "say second")}}
            else
            {{ScriptedTeam.Approve("second it is")}}
            fi
            """);
        var first = await team.SubmitAsync("First half");
        var second = await team.SubmitAsync("Second half");

        await team.RunOnceAsync();

        Assert.Empty(Directory.GetFiles(team.Scripts, "alone-*"));
        var byTask = team.Requests("dev").GroupBy(TaskOf).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal([first, second], byTask.Keys.Order(StringComparer.Ordinal));
        var sessions = new List<string>();
        foreach (var (id, runs) in byTask)
        {
            Assert.True(runs.Count == 2, await team.StoryAsync(id));
            Assert.Equal(JsonValueKind.Null, runs[0].GetProperty("session_id").ValueKind);
            var started = runs[0].GetProperty("new_session_id").GetString()!;
            Assert.Equal(started, runs[1].GetProperty("session_id").GetString()); // its own session, not the other task's
            sessions.Add(started);
            Assert.True(await StatusAsync(id) == "needs-input", await team.StoryAsync(id));
        }

        Assert.NotEqual(sessions[0], sessions[1]);
    }

    [Fact]
    public async Task Daemon_OnSigtermWhileADevWorksOnTwoTasks_KillsBothRuns_AndReleasesEachTaskWithItsOwnSession()
    {
        team.SetDev("dev-1", maxConcurrentTasks: 2);
        team.Dev("default", """
            id=$(grep -o '# T-[0-9]*' "$here/dev-request-$n.json" | head -1 | cut -c3-)
            touch "$here/pid-$id"
            exec -a "clawclip-test-agent-$id" sleep 600
            """);
        var first = await team.SubmitAsync("First half");
        var second = await team.SubmitAsync("Second half");
        using var daemon = DaemonProcess.Start(team.Root, "--interval", "30s", "--stop-timeout", "2s", "--run-timeout", "10m");
        var pids = new[] { first, second }.Select(id => Path.Combine(team.Scripts, "pid-" + id)).ToList();
        var agents = new[] { first, second }.Select(id => "clawclip-test-agent-" + id).ToList();
        await Eventually.TrueAsync(() => pids.All(File.Exists) && agents.All(a => Pids.Named(a).Count == 1), TimeSpan.FromSeconds(90), () => $"both runs to start\n{daemon.Output}");

        daemon.Terminate();

        await Eventually.TrueAsync(() => daemon.HasExited, TimeSpan.FromSeconds(60), "the daemon to stop within its stop timeout");
        await Eventually.TrueAsync(() => agents.All(a => Pids.Named(a).Count == 0), TimeSpan.FromSeconds(10), "neither agent to outlive the daemon");
        var started = team.Requests("dev").ToDictionary(TaskOf, r => r.GetProperty("new_session_id").GetString());
        foreach (var id in new[] { first, second })
        {
            var task = await team.ShowAsync(id);
            Assert.Equal("backlog", task.GetProperty("task").GetProperty("status").GetString());
            var release = task.GetProperty("history").EnumerateArray().Last();
            Assert.Equal("daemon.stop-release", release.GetProperty("policy").GetString());
            Assert.Equal(started[id], release.GetProperty("session").GetString()); // the retry resumes it, whatever the snapshot says
        }
    }

    private static string TaskOf(JsonElement request)
    {
        var prompt = request.GetProperty("prompt").GetString()!;
        var at = prompt.IndexOf("# T-", StringComparison.Ordinal);
        return prompt.Substring(at + 2, 6);
    }

    private async Task<string?> StatusAsync(string id) => (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString();
}
