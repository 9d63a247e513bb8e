using ClawClip.Core.Agents;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Agents.Tests;

/// <summary>
/// Issue 10's moves, tried by a scripted <c>command</c> agent from its task's clone, through <see cref="CommandRuntime"/>
/// exactly as claw.clip runs it: in this machine's sandbox, the repository, <c>state/</c>, the person's home and the
/// other task's clone are byte-identical afterwards, no canary reaches the agent's output and nothing it started is
/// left. Each test first runs the same script unconfined (<see cref="Unconfined"/>, <c>sandbox: off</c>) and sees at
/// least one move succeed, so that it can fail.
/// </summary>
public sealed class CommandAgentBoundaryTests
{
    [Fact]
    public Task MovingTheRepositorysRefs_FromTheClone_LeavesThemAsTheyWere() => AssertContainedAsync(BoundaryMoves.OnTheRepositorysRefs);

    [Fact]
    public Task ForgingOrErasingTheLineage_LeavesClawclipStateAsItWas() => AssertContainedAsync(BoundaryMoves.OnTheLineage);

    [Fact]
    public Task WritingTrustConfigurationAgentFilesOrAnotherTask_ChangesNone() => AssertContainedAsync(BoundaryMoves.OnTrustedFiles);

    [Fact]
    public Task PlantingAHookHooksPathOrFsmonitor_InTheRepository_PlantsNothing() => AssertContainedAsync(BoundaryMoves.OnTheRepositorysHooks);

    [Fact]
    public async Task ReadingTheDaemonsEnvironmentOrThePersonsHome_ShowsTheAgentNoCanary()
    {
        var loose = await AttemptAsync(Unconfined.Instance, BoundaryMoves.OnSecrets);
        Assert.NotEmpty(loose.Leaked);

        var confined = await AttemptAsync(Sandboxes.ForThisMachine(), BoundaryMoves.OnSecrets);

        confined.AssertRanAndChangedNothing();
        Assert.Empty(confined.Leaked);
    }

    [Fact]
    public async Task ASetsidChild_DoesNotOutliveTheRun()
    {
        var escaping = AgentProcesses.UniqueSleep();
        var loose = await AttemptAsync(Unconfined.Instance, _ => BoundaryMoves.Leaving(escaping));
        var survivors = AgentProcesses.Running(escaping);
        foreach (var pid in survivors)
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }

        Assert.Contains("moved: a setsid child", loose.Output, StringComparison.Ordinal);
        Assert.NotEmpty(survivors);

        var confinedSleep = AgentProcesses.UniqueSleep();
        var confined = await AttemptAsync(Sandboxes.ForThisMachine(), _ => BoundaryMoves.Leaving(confinedSleep));

        confined.AssertRanAndChangedNothing();
        Assert.Contains("moved: a setsid child", confined.Output, StringComparison.Ordinal);
        await AgentProcesses.AssertGoneAsync(confinedSleep);
    }

    private static async Task AssertContainedAsync(Func<BoundaryScene, IReadOnlyList<BoundaryMove>> moves)
    {
        var loose = await AttemptAsync(Unconfined.Instance, moves);
        Assert.True(loose.Changes.Length > 0, $"unconfined, no move changed anything, so this test could not fail:\n{loose.Output}");

        var confined = await AttemptAsync(Sandboxes.ForThisMachine(), moves);

        confined.AssertRanAndChangedNothing();
        Assert.Empty(confined.Leaked);
    }

    /// <summary>The script for <paramref name="moves"/> run as dev-1's command agent in a fresh scene, through <paramref name="sandbox"/>.</summary>
    private static async Task<Attempt> AttemptAsync(ISandbox sandbox, Func<BoundaryScene, IReadOnlyList<BoundaryMove>> moves)
    {
        using var scene = await BoundaryScene.CreateAsync();
        var before = scene.Fingerprint();
        var runner = new RecordingRunner(new ProcessRunner(sandbox));
        var script = scene.WriteScript("agent.sh", BoundaryMoves.Script(moves(scene)));

        var result = await new CommandRuntime(script, [], runner, scene.Sandbox()).RunAsync(scene.Request(), CancellationToken.None);

        return new Attempt(
            result,
            runner.Output,
            BoundaryScene.Changes(before, scene.Fingerprint()),
            File.Exists(Path.Combine(scene.Clone, "ran-by-agent.txt")),
            [.. scene.Canaries.Where(c => runner.Output.Contains(c, StringComparison.Ordinal))]);
    }

    /// <summary>How one run went: its result, all it printed, what changed outside its clone, whether it ran, which canaries it printed.</summary>
    private sealed record Attempt(AgentRunResult Result, string Output, string Changes, bool Ran, IReadOnlyList<string> Leaked)
    {
        public void AssertRanAndChangedNothing()
        {
            Assert.True(Result.Succeeded && Ran, $"the agent did not run to the end: {Result.Failure}\n{Output}");
            Assert.True(Changes.Length == 0, $"confined, the agent changed:\n{Changes}\n{Output}");
        }
    }
}
