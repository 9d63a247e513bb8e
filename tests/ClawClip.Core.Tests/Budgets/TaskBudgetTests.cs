using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Budgets;

public sealed class TaskBudgetTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);

    private static TaskRecord Spent(decimal usd, long tokens)
    {
        var definition = new TaskDefinition("work", string.Empty, [], TaskDefinition.DefaultPriority, [], null, [], TaskDefinition.DefaultMaxAttempts);
        return TaskRecord.Submit(TaskId.Parse("T-0007"), definition, "human", "asked", "intake.submit", At)
            .Claim(AgentId.Parse("dev-1"), Tier.Junior, At, TimeSpan.FromMinutes(30), "mine", "claim.priority-and-skills")
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "started", "dev.start", At, leaseLength: TimeSpan.FromMinutes(30))
            .MoveTo(TaskState.Backlog, "dev-1", Tier.Junior, "run failed", "dev.run-failed.retry", At, usd, run: new AgentRunFacts(3, "s") { Tokens = tokens });
    }

    [Fact]
    public void Exceeded_BelowTheLimit_IsNull()
    {
        Assert.Null(TaskBudget.Exceeded(Spent(1.50m, 100), BudgetSpend.Zero, new BudgetLimit(2.00m, 1_000)));
        Assert.Null(TaskBudget.Exceeded(Spent(1.50m, 100), BudgetSpend.Zero, BudgetLimit.None));
    }

    [Fact]
    public void Exceeded_CountsWhatTheCurrentStepSpentAndNoEventRecordsYet()
    {
        var reason = TaskBudget.Exceeded(Spent(1.50m, 100), new BudgetSpend(0.50m, 0), new BudgetLimit(2.00m, null));

        Assert.Equal("T-0007 has spent 2.00 USD over its attempts, reaching the per-task limit of 2.00 USD (budgets.task in clawclip.yaml): it is not run again. A person decides: raise budgets.task and put it back in the backlog, or cancel it.", reason);
    }

    [Fact]
    public void Exceeded_ByTokensAlone_NamesTheTokens()
    {
        var reason = TaskBudget.Exceeded(Spent(0.10m, 400_000), BudgetSpend.Zero, new BudgetLimit(2.00m, 400_000));

        Assert.Contains("0.10 USD, 400,000 tokens", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CapRun_LowersTheRunsDollarCapToWhatTheTaskHasLeft_ButNeverRaisesIt()
    {
        var junior = TierPolicy.For(Tier.Junior); // 3.00 USD a run

        Assert.Equal(0.50m, TaskBudget.CapRun(junior, Spent(1.50m, 0), BudgetSpend.Zero, new BudgetLimit(2.00m, null)).MaxCostUsd);
        Assert.Equal(3.00m, TaskBudget.CapRun(junior, Spent(1.50m, 0), BudgetSpend.Zero, new BudgetLimit(20.00m, null)).MaxCostUsd);
        Assert.Equal(3.00m, TaskBudget.CapRun(junior, Spent(1.50m, 0), BudgetSpend.Zero, new BudgetLimit(null, 5_000)).MaxCostUsd);
    }
}
