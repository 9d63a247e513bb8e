using System.Text;
using ClawClip.EndToEnd.Tests.Support;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// A check or a merge gate running when <c>clawclip run --once</c> is SIGKILLed dies with it: it runs in the sandbox,
/// which dies with its runner and takes every process in its PID namespace along (a <c>setsid</c> child included).
/// The next run finds none of it alive, runs the step again, and nothing the killed step would have written lands.
/// </summary>
public sealed class LeftoverCheckTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    // The slow step's sleep, as it shows in the process table: this test's own, whatever else runs beside it.
    private readonly string sleep = "30." + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private ScriptedTeam team = null!;

    public async Task InitializeAsync()
    {
        team = await ScriptedTeam.CreateAsync();
        await team.EarnJuniorAsync(); // approved work merges with no person in the loop
        team.Dev("default", ScriptedTeam.Commit("answer.txt", "42", "write the answer"));
    }

    public Task DisposeAsync()
    {
        team.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunOnce_SigkilledMidCheck_TheCheckDiesWithIt_AndWhatItWouldWriteNeverLands()
    {
        SlowOnce("check-1");
        var id = await team.SubmitAsync("Write the answer");

        await KillRunOnceWhenTheSlowStepRunsAsync(team.Repository.Workspace.ChecksHome);

        await Eventually.TrueAsync(() => !SleepIsAlive(), Deadline, "the check to die with the run it belonged to");
        await team.RunOnceAsync();

        Assert.True((await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString() == "done", await team.StoryAsync(id));
        Assert.Equal("42\n", team.Repository.Git("show", "main:answer.txt"));
        Assert.Empty(team.Repository.Git("log", "--all", "--format=%H", "--", "leaked.txt"));
    }

    [Fact]
    public async Task RunOnce_SigkilledMidGate_TheGateDiesWithIt_AndRunsAgainOnTheNextMerge()
    {
        SlowOnce("gate-1");
        var id = await team.SubmitAsync("Write the answer");

        await KillRunOnceWhenTheSlowStepRunsAsync(team.Repository.Workspace.GateHome);
        Assert.Equal("merging", (await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString());

        await Eventually.TrueAsync(() => !SleepIsAlive(), Deadline, "the gate to die with the run it belonged to");
        await team.RunOnceAsync();

        Assert.Equal("2", File.ReadAllText(Path.Combine(team.Repository.Workspace.GateHome, "gate.count")).Trim());
        Assert.True((await team.ShowAsync(id)).GetProperty("task").GetProperty("status").GetString() == "done", await team.StoryAsync(id));
        Assert.Empty(team.Repository.Git("log", "--all", "--format=%H", "--", "leaked.txt"));
    }

    // The build check counts its runs as a check (in the task's clone, the checks' HOME) or a gate (in the merge
    // worktree, the gate's HOME), and is slow at the one named: it says so in its HOME, sleeps, then writes where it runs.
    private void SlowOnce(string at)
    {
        File.WriteAllText(Path.Combine(team.Root, "checks", "build.sh"), $"""
            case "$(pwd)" in */clawclip/merge) step=gate ;; *) step=check ;; esac
            n=$(( $(cat "$HOME/$step.count" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$HOME/$step.count"
            if [ "$step-$n" = "{at}" ]; then
              touch "$HOME/slow.started"
              setsid sleep {sleep} &
              sleep {sleep}
              echo leaked > leaked.txt
            fi
            """);
        team.Repository.Git("commit", "-q", "-am", "a build check that is slow once");
    }

    // Starts `clawclip run --once` and SIGKILLs it once the slow step has started, while that step is alive.
    private async Task KillRunOnceWhenTheSlowStepRunsAsync(string home)
    {
        using var run = DotnetProgram.Start("clawclip", ["run", "--once", "--run-timeout", "60s", "--check-timeout", "60s"], team.Root);
        run.StandardInput.Close();
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        await Eventually.TrueAsync(() => (File.Exists(Path.Combine(home, "slow.started")) && SleepIsAlive()) || run.HasExited, Deadline, "the slow step to start");
        if (run.HasExited)
        {
            Assert.Fail($"run --once ended before the slow step: {await output}\n{await error}");
        }

        run.Kill(); // SIGKILL: no clean-up runs
        await run.WaitForExitAsync();
    }

    private bool SleepIsAlive()
    {
        var wanted = Encoding.UTF8.GetBytes("sleep\0" + sleep);
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(Path.Combine(folder, "cmdline")).AsSpan().IndexOf(wanted) >= 0 && Pids.IsAlive(pid))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                // gone between listing and reading
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return false;
    }
}
