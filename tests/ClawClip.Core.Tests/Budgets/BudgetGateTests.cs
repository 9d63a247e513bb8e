using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Budgets;
using ClawClip.Core.Goals;

namespace ClawClip.Core.Tests.Budgets;

public sealed class BudgetGateTests
{
    private static readonly AgentId Dev = AgentId.Parse("dev-1");

    // Five hours east of UTC: the local day and the UTC day differ for five hours of each.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Test/Plus5", TimeSpan.FromHours(5), "Test +05", "Test +05");

    private static readonly DateTimeOffset TenInTheMorning = new(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(5));

    private readonly InMemoryBudgetWorld world = new();
    private readonly BudgetClock clock = new(TenInTheMorning, Zone);

    private BudgetGate Gate(BudgetLimits limits) => new(world, world, world, limits, world, clock);

    private static BudgetLimits Limits(BudgetLimit? task = null, BudgetLimit? agentPerDay = null, BudgetLimit? goal = null, BudgetLimit? total = null) =>
        new(task ?? BudgetLimit.None, agentPerDay ?? BudgetLimit.None, goal ?? BudgetLimit.None, total ?? BudgetLimit.None, BudgetLimits.DefaultWarnAt);

    [Fact]
    public async Task BeforeClaim_WhenTheAgentReachedItsDailyLimit_PausesItUntilItsLocalDayEnds_WithOneAlert()
    {
        world.AddRun("dev-1", TenInTheMorning, 1.20m);
        var gate = Gate(Limits(agentPerDay: new BudgetLimit(1.00m, null)));

        var permit = await gate.BeforeClaimAsync(Dev, CancellationToken.None);
        var again = await gate.BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.False(permit.MayClaim);
        Assert.False(again.MayClaim);
        var pause = Assert.Single(world.Recorded);
        Assert.Equal((BudgetDecisionKind.Pause, BudgetPolicies.AgentLimit, "2026-11-03"), (pause.Kind, pause.Policy, pause.Period));
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 0, 0, 0, TimeSpan.FromHours(5)), pause.Until);
        Assert.Contains("dev-1 has spent 1.20 USD today (2026-11-03), reaching its limit of 1.00 USD a day", pause.Reason, StringComparison.Ordinal);
        Assert.Contains("budget.agent-limit", permit.Refusal, StringComparison.Ordinal);
        var alert = Assert.Single(world.Alerts);
        Assert.Equal((AlertKind.AgentPaused, (AgentId?)Dev), (alert.Kind, alert.Agent));
    }

    [Fact]
    public async Task BeforeClaim_RaisesEachAlertOnlyAfterItsDecisionIsCommittedToTheLineage()
    {
        world.AddRun("dev-1", TenInTheMorning, 1.20m);

        await Gate(Limits(agentPerDay: new BudgetLimit(1.00m, null), total: new BudgetLimit(1.00m, null))).BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.Equal(2, world.Alerts.Count);
        Assert.Equal([true, true], world.CommittedAtRaise);
    }

    [Fact]
    public async Task BeforeClaim_OnceTheLocalDayRollsOver_LiftsThePauseWithADecisionOfItsOwn_AndTheAgentClaimsAgain()
    {
        world.AddRun("dev-1", TenInTheMorning, 1.20m);
        var gate = Gate(Limits(agentPerDay: new BudgetLimit(1.00m, null)));
        Assert.False((await gate.BeforeClaimAsync(Dev, CancellationToken.None)).MayClaim);

        clock.Advance(TimeSpan.FromHours(13) + TimeSpan.FromMinutes(59));
        Assert.False((await gate.BeforeClaimAsync(Dev, CancellationToken.None)).MayClaim);

        clock.Advance(TimeSpan.FromMinutes(2));
        var permit = await gate.BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.True(permit.MayClaim);
        var resumed = world.Recorded[^1];
        Assert.Equal((BudgetDecisionKind.Resume, BudgetPolicies.Resumed), (resumed.Kind, resumed.Policy));
        Assert.Contains("day 2026-11-03 has ended", resumed.Reason, StringComparison.Ordinal);
        Assert.Empty(world.State.Pauses);
        Assert.Single(world.Alerts); // the pause woke someone; its lifting is in the lineage only
    }

    [Fact]
    public async Task BeforeClaim_CountsAnAgentsDayInTheMachinesTimeZone_NotInUtc()
    {
        // 02:00 local on the 3rd is 21:00 UTC on the 2nd; the run at 23:30 local on the 2nd is the same UTC day.
        clock.Advance(TimeSpan.FromHours(-8));
        world.AddRun("dev-1", new DateTimeOffset(2026, 11, 2, 23, 30, 0, TimeSpan.FromHours(5)), 5.00m);
        world.AddRun("dev-1", clock.GetUtcNow(), 0.50m);

        var permit = await Gate(Limits(agentPerDay: new BudgetLimit(1.00m, null))).BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.True(permit.MayClaim);
        Assert.Empty(world.Recorded);
    }

    [Fact]
    public async Task BeforeClaim_ATokenLimit_PausesLikeADollarOne()
    {
        world.AddRun("dev-1", TenInTheMorning, 0m, tokens: 1_500);

        var permit = await Gate(Limits(agentPerDay: new BudgetLimit(null, 1_000))).BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.False(permit.MayClaim);
        Assert.Contains("1,500 tokens today", Assert.Single(world.Recorded).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeClaim_PastTheWarningShare_WarnsOnce_EvenFromANewGateAfterARestart()
    {
        world.AddRun("dev-1", TenInTheMorning, 0.85m);
        var limits = Limits(agentPerDay: new BudgetLimit(1.00m, null));

        Assert.True((await Gate(limits).BeforeClaimAsync(Dev, CancellationToken.None)).MayClaim);
        Assert.True((await Gate(limits).BeforeClaimAsync(Dev, CancellationToken.None)).MayClaim);

        var warning = Assert.Single(world.Recorded);
        Assert.Equal((BudgetDecisionKind.Warn, BudgetPolicies.Warning), (warning.Kind, warning.Policy));
        Assert.Contains("85% of its limit of 1.00 USD", warning.Reason, StringComparison.Ordinal);
        Assert.Equal(AlertKind.BudgetWarning, Assert.Single(world.Alerts).Kind);
    }

    [Fact]
    public async Task BeforeClaim_AWarningOfYesterday_DoesNotStopTodaysWarning()
    {
        world.AddRun("dev-1", TenInTheMorning, 0.85m);
        var limits = Limits(agentPerDay: new BudgetLimit(1.00m, null));
        await Gate(limits).BeforeClaimAsync(Dev, CancellationToken.None);

        clock.Advance(TimeSpan.FromDays(1));
        world.AddRun("dev-1", clock.GetUtcNow(), 0.90m);
        await Gate(limits).BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.Equal(2, world.Alerts.Count);
        Assert.Equal("2026-11-04", Assert.Single(world.State.Warnings).Period);
    }

    [Fact]
    public async Task BeforeClaim_WhenTheTotalIsReached_PausesTheWholeTeam_AndRaisingTheLimitLiftsIt()
    {
        world.AddRun("dev-1", TenInTheMorning, 1.50m);
        world.AddRun("dev-2", TenInTheMorning, 1.00m);

        var paused = await Gate(Limits(total: new BudgetLimit(2.00m, null))).BeforeClaimAsync(AgentId.Parse("dev-2"), CancellationToken.None);
        var raised = await Gate(Limits(total: new BudgetLimit(5.00m, null))).BeforeClaimAsync(AgentId.Parse("dev-2"), CancellationToken.None);

        Assert.False(paused.MayClaim);
        Assert.Contains("the whole team is paused (budget.team-limit)", paused.Refusal, StringComparison.Ordinal);
        Assert.Equal(AlertKind.TeamPaused, world.Alerts[0].Kind);
        Assert.True(raised.MayClaim);
        Assert.Equal((BudgetDecisionKind.Resume, BudgetScope.Total), (world.Recorded[^1].Kind, world.Recorded[^1].Scope));
        Assert.Contains("the limit is now 5.00 USD", world.Recorded[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeClaim_WhenAGoalsLimitIsReached_TheAgentMayClaimButNotThatGoalsTasks()
    {
        world.AddRun("dev-1", TenInTheMorning, 1.20m, goal: "G-abc");
        world.AddRun("dev-1", TenInTheMorning, 0.10m, goal: "G-other");

        var permit = await Gate(Limits(goal: new BudgetLimit(1.00m, null))).BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.True(permit.MayClaim);
        Assert.Equal([GoalId.Parse("G-abc")], permit.ExcludedGoals);
        Assert.Equal(BudgetPolicies.GoalLimit, Assert.Single(world.Recorded).Policy);
    }

    [Fact]
    public async Task BeforeClaim_AGoalWhoseTasksAreAllFinished_IsNeitherPausedNorWarnedAbout()
    {
        world.AddRun("dev-1", TenInTheMorning, 1.20m, goal: "G-abc", to: ClawClip.Core.Tasks.TaskState.Failed);

        var permit = await Gate(Limits(goal: new BudgetLimit(1.00m, null))).BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.Same(ClaimPermit.Open, permit);
        Assert.Empty(world.Recorded);
    }

    [Fact]
    public async Task BeforeClaim_ALimitRemovedFromTheSettings_LiftsItsPause()
    {
        world.AddRun("dev-1", TenInTheMorning, 1.20m);
        await Gate(Limits(agentPerDay: new BudgetLimit(1.00m, null))).BeforeClaimAsync(Dev, CancellationToken.None);

        var permit = await Gate(BudgetLimits.None).BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.True(permit.MayClaim);
        Assert.Contains("the limit was removed from clawclip.yaml", world.Recorded[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BeforeClaim_AnotherAgentsSpend_DoesNotPauseTheOneAsking()
    {
        world.AddRun("dev-2", TenInTheMorning, 5.00m);

        var permit = await Gate(Limits(agentPerDay: new BudgetLimit(1.00m, null))).BeforeClaimAsync(Dev, CancellationToken.None);

        Assert.True(permit.MayClaim);
        Assert.DoesNotContain(world.Recorded, d => d.Kind == BudgetDecisionKind.Pause);
    }
}
