using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Outages;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Outages;

public sealed class OutageKeeperTests
{
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private static readonly AgentId Qa = AgentId.Parse("qa-1");
    private static readonly TaskId Task1 = TaskId.Parse("T-0001");
    private static readonly OutageSettings Settings = new(TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromMinutes(1), 3) { Jitter = 0 };

    private readonly OutageClock clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryOutageState state = new();
    private readonly AlertsHeard alerts = new();

    private static AgentRunResult Outage(TimeSpan? retryAfter = null) =>
        AgentRunResult.Failed("exit code 1: the model's API failed with HTTP 500 (API Error: 500 down)") with { FailureKind = AgentFailureKind.Outage, RetryAfter = retryAfter };

    private static AgentRunResult Answered() => new(true, "done", null, "s-1", 0.01m, 2, null);

    private OutageKeeper Keeper(params AgentId[] team) => new(state, alerts, Settings, clock, team.Length == 0 ? [Dev, Qa] : team);

    [Fact]
    public async Task AfterRun_ThreeOutagesInARow_PauseTheAgentOnce_WithAnAlert_AndItClaimsNothingUntilItsBackoffEnds()
    {
        var keeper = Keeper();

        var first = await keeper.AfterRunAsync(Dev, Task1, Outage(), CancellationToken.None);
        var second = await keeper.AfterRunAsync(Dev, Task1, Outage(), CancellationToken.None);
        Assert.Empty(alerts.Alerts);
        var third = await keeper.AfterRunAsync(Dev, Task1, Outage(), CancellationToken.None);
        var fourth = await keeper.AfterRunAsync(Dev, Task1, Outage(), CancellationToken.None);

        Assert.Equal([10, 20, 40, 60], new[] { first, second, third, fourth }.Select(o => (o!.RetryAt - clock.GetUtcNow()).TotalSeconds));
        Assert.False(second!.IsPaused);
        Assert.True(third!.IsPaused);
        var alert = Assert.Single(alerts.Alerts); // the failed probe after the pause raises nothing more
        Assert.Equal((AlertKind.AgentPaused, (AgentId?)Dev), (alert.Kind, alert.Agent));
        Assert.Contains("3 in a row pause dev-1 (pause_after: 3)", alert.Text, StringComparison.Ordinal);
        Assert.Contains("is paused by a model API outage", await keeper.RefusalAsync(Dev, CancellationToken.None), StringComparison.Ordinal);
        Assert.Null(await keeper.RefusalAsync(Qa, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(await keeper.RefusalAsync(Dev, CancellationToken.None)); // its backoff is over: its next run is the probe
    }

    [Fact]
    public async Task AfterRun_ThatGotAnAnswer_LiftsThePause_AndForgetsTheOutage()
    {
        var keeper = Keeper();
        for (var i = 0; i < 3; i++)
        {
            await keeper.AfterRunAsync(Dev, Task1, Outage(), CancellationToken.None);
        }

        Assert.Null(await keeper.AfterRunAsync(Dev, Task1, Answered(), CancellationToken.None));
        var writes = state.Writes;
        Assert.Null(await keeper.AfterRunAsync(Dev, Task1, Answered(), CancellationToken.None));

        Assert.True((await state.ReadOutagesAsync(CancellationToken.None)).IsEmpty);
        Assert.Equal(writes, state.Writes); // nothing to lift the second time: nothing written
        Assert.Null(await keeper.RefusalAsync(Dev, CancellationToken.None));
    }

    [Fact]
    public async Task AfterRun_AnAgentsOwnFailure_IsAnAnswerFromTheApi_AndEndsItsOutage()
    {
        var keeper = Keeper();
        await keeper.AfterRunAsync(Dev, Task1, Outage(), CancellationToken.None);

        await keeper.AfterRunAsync(Dev, Task1, AgentRunResult.Failed("exit code 1: ran out of turns (--max-turns)"), CancellationToken.None);

        Assert.Null((await state.ReadOutagesAsync(CancellationToken.None)).Of(Dev));
    }

    [Fact]
    public async Task AfterRun_WhenEveryAgentOfTheTeamIsPaused_PausesTheTeam_AndOneAnswerLetsEveryPausedAgentProbeAtOnce()
    {
        var keeper = Keeper(Dev, Qa);
        for (var i = 0; i < 3; i++)
        {
            await keeper.AfterRunAsync(Dev, Task1, Outage(), CancellationToken.None);
            await keeper.AfterRunAsync(Qa, Task1, Outage(), CancellationToken.None);
        }

        var paused = await state.ReadOutagesAsync(CancellationToken.None);
        Assert.NotNull(paused.TeamPausedAt);
        Assert.Equal([AlertKind.AgentPaused, AlertKind.AgentPaused, AlertKind.TeamPaused], alerts.Alerts.Select(a => a.Kind));

        await keeper.AfterRunAsync(Dev, Task1, Answered(), CancellationToken.None);

        var after = await state.ReadOutagesAsync(CancellationToken.None);
        Assert.Null(after.TeamPausedAt);
        Assert.Null(after.Of(Dev));
        Assert.True(after.Of(Qa)!.IsPaused); // lifted by its own probe, which it may run now
        Assert.Null(await keeper.RefusalAsync(Qa, CancellationToken.None));
    }

    [Fact]
    public async Task WaitAsync_EndsOnlyWhenTheClockReachesTheNextTry_WithoutSleeping()
    {
        var keeper = Keeper();
        var outage = (await keeper.AfterRunAsync(Dev, Task1, Outage(TimeSpan.FromSeconds(30)), CancellationToken.None))!;

        var wait = keeper.WaitAsync(outage, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(30), outage.RetryAt - outage.Since); // the API's Retry-After, over the 10 s base
    }

    [Fact]
    public void OutageRules_RecordTheTaskAndThePolicy_ForTheLineageCommit()
    {
        var update = OutageRules.AfterFailure(OutageState.Empty, Dev, Task1, "HTTP 500", null, [Dev], Settings with { PauseAfter = 1 }, new OutageBackoff(Settings), clock.GetUtcNow());

        Assert.Equal((OutagePolicies.TeamPause, (TaskId?)Task1, true, true), (update.Policy, update.Task, update.PausedAgent, update.PausedTeam));
        Assert.Contains("dev-1's run on T-0001 failed on the model's API: HTTP 500", update.Reason, StringComparison.Ordinal);
    }
}
