using System.Diagnostics;
using System.Globalization;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// A check or a merge gate that a SIGKILLed <c>clawclip run --once</c> left running (it lives on in a session of its
/// own) is killed before anything else touches its task or the merge, and nothing it would write lands.
/// </summary>
public sealed class LeftoverCheckTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private ScriptedTeam team = null!;

    public async Task InitializeAsync()
    {
        team = await ScriptedTeam.CreateAsync();
        await team.EarnJuniorAsync(); // approved work merges with no person in the loop

        // The build check counts its runs as a check (in the task's worktree) or a gate (in the merge worktree), notes
        // whether the slow run before it still lives, and is slow once, where slow-at says: it records its pid, waits,
        // then writes a file where it runs.
        File.WriteAllText(Path.Combine(team.Root, "checks", "build.sh"), $"""
            here='{team.Scripts}'
            case "$(pwd)" in */clawclip/merge) step=gate ;; *) step=check ;; esac
            n=$(( $(cat "$here/$step.count" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$here/$step.count"
            {AliveCheck("$step-$n")}
            if [ "$step-$n" = "$(cat "$here/slow-at")" ]; then
              echo $$ > "$here/slow.tmp" && mv "$here/slow.tmp" "$here/slow.pid"
              sleep 30
              echo leaked > leaked.txt
            fi
            """);
        team.Repository.Git("commit", "-q", "-am", "a build check that is slow once");
        team.Dev("default", AliveCheck("dev-$n") + "\n" + ScriptedTeam.Commit("answer.txt", "42", "write the answer"));
    }

    public Task DisposeAsync()
    {
        if (SlowPid() is { } pid && Pids.IsAlive(pid))
        {
            using var kill = Process.Start("kill", ["-KILL", "--", "-" + pid.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_SigkilledMidCheck_TheCheckItLeftIsKilledBeforeTheNextDevRun_AndWhatItWouldWriteNeverLands()
    {
        File.WriteAllText(Path.Combine(team.Scripts, "slow-at"), "check-1");
        var id = await team.SubmitAsync("Write the answer");

        var leftover = await KillRunOnceWhenTheSlowStepRunsAsync();

        await team.RunOnceAsync();

        Assert.False(File.Exists(Path.Combine(team.Scripts, "alive-at-dev-2")), $"the check left behind (pid {leftover}) still ran when the next dev run started");
        Assert.Empty(Directory.GetFiles(team.Scripts, "alive-at-*"));
        Assert.False(Pids.IsAlive(leftover), $"the check left behind (pid {leftover}) is still alive");
        Assert.True((await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString() == "done", await team.StoryAsync(id));
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));
        Assert.Empty(team.Repository.Git("log", "--all", "--format=%H", "--", "leaked.txt"));
    }

    [Fact]
    public async Task RunOnce_SigkilledMidGate_TheGateItLeftIsKilledBeforeTheMergeIsTriedAgain()
    {
        File.WriteAllText(Path.Combine(team.Scripts, "slow-at"), "gate-1");
        var id = await team.SubmitAsync("Write the answer");

        var leftover = await KillRunOnceWhenTheSlowStepRunsAsync();
        Assert.Equal("merging", (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString());

        await team.RunOnceAsync();

        Assert.True(File.Exists(Path.Combine(team.Scripts, "gate.count")) && File.ReadAllText(Path.Combine(team.Scripts, "gate.count")).Trim() == "2", "the gate should have run again");
        Assert.False(File.Exists(Path.Combine(team.Scripts, "alive-at-gate-2")), $"the gate left behind (pid {leftover}) still ran when the merge was tried again");
        Assert.False(Pids.IsAlive(leftover), $"the gate left behind (pid {leftover}) is still alive");
        Assert.True((await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString() == "done", await team.StoryAsync(id));
        Assert.Empty(team.Repository.Git("log", "--all", "--format=%H", "--", "leaked.txt"));
    }

    // A step that touches alive-at-<name> if the slow run recorded before it still lives (a zombie does not count).
    private static string AliveCheck(string name) => $$"""
        if [ -f "$here/slow.pid" ] && ps -o stat= -p "$(cat "$here/slow.pid")" | grep -q '^[^Z]'; then touch "$here/alive-at-{{name}}"; fi
        """;

    // Starts `clawclip run --once`, SIGKILLs it once the slow step has started, and returns the slow step's pid, which
    // must outlive it (it runs in a session of its own): the test needs a leftover to be meaningful.
    private async Task<int> KillRunOnceWhenTheSlowStepRunsAsync()
    {
        using var run = DotnetProgram.Start("clawclip", ["run", "--once", "--run-timeout", "60s", "--check-timeout", "60s"], team.Root);
        run.StandardInput.Close();
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        await Eventually.TrueAsync(() => SlowPid() is not null || run.HasExited, Deadline, "the slow step to start");
        if (run.HasExited)
        {
            Assert.Fail($"run --once ended before the slow step: {await output}\n{await error}");
        }

        run.Kill(); // SIGKILL: no clean-up runs
        await run.WaitForExitAsync();
        var pid = SlowPid()!.Value;
        Assert.True(Pids.IsAlive(pid), "the slow step should outlive the SIGKILL: this test needs it to");
        return pid;
    }

    private int? SlowPid()
    {
        var file = Path.Combine(team.Scripts, "slow.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }
}
