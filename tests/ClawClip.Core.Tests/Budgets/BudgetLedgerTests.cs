using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;
using ClawClip.Core.Goals;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Budgets;

public sealed class BudgetLedgerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly GoalId Goal = GoalId.Parse("G-english");

    private static TaskRecord Reviewed()
    {
        var definition = new TaskDefinition("work", string.Empty, [], TaskDefinition.DefaultPriority, [], Goal, [], TaskDefinition.DefaultMaxAttempts);
        return TaskRecord.Submit(TaskId.Parse("T-0001"), definition, "planner", "planned", "intake.submit", At)
            .Claim(AgentId.Parse("dev-1"), Tier.Junior, At, TimeSpan.FromMinutes(30), "mine", "claim.priority-and-skills")
            .MoveTo(TaskState.Running, "dev-1", Tier.Junior, "started", "dev.start", At, leaseLength: TimeSpan.FromMinutes(30))
            .MoveTo(TaskState.Review, "dev-1", Tier.Junior, "passed", "dev.checks-passed", At, 0.19m, TimeSpan.FromMinutes(30))
            .Annotate("qa-1", "qa-1 gave no usable verdict (try 1 of 2): garbage", "qa.no-verdict", At, 0.11m, new AgentRunFacts(1, null) { Tokens = 500 }, Tier.Intern);
    }

    private static GoalRecord Planned(params PlanningRun[] runs) =>
        new GoalRecord(Goal, "Greet in English", "f", GoalStatus.Planned, [TaskId.Parse("T-0001")], "planned", At) { PlanningRuns = runs };

    [Fact]
    public void From_ATryWithoutAVerdict_CountsForTheTaskAndTheReviewer()
    {
        var ledger = BudgetLedger.From([Reviewed()], DateOnly.FromDateTime(At.UtcDateTime), TimeZoneInfo.Utc);

        Assert.Equal(0.30m, ledger.OfTask(TaskId.Parse("T-0001")).Usd);
        Assert.Equal(new BudgetSpend(0.11m, 500), ledger.OfAgent("qa-1"));
    }

    [Fact]
    public void From_PlannerRuns_CountInTheirGoalTheirPlannerAndTheTotal_ButInNoTask()
    {
        var goal = Planned(new PlanningRun(AgentId.Parse("planner"), At, 0.07m, 2, 1_000, "s1"), new PlanningRun(AgentId.Parse("planner"), At.AddDays(-1), 0.05m, 2, 800, "s0"));

        var ledger = BudgetLedger.From([Reviewed()], [goal], DateOnly.FromDateTime(At.UtcDateTime), TimeZoneInfo.Utc);

        Assert.Equal(0.42m, ledger.Total.Usd);
        Assert.Equal(0.42m, ledger.OfGoal(Goal).Usd);
        Assert.Equal(new BudgetSpend(0.07m, 1_000), ledger.OfAgent("planner")); // yesterday's run is not today's
        Assert.Equal(0.30m, ledger.OfTask(TaskId.Parse("T-0001")).Usd);
    }

    [Fact]
    public void From_AGoalWhosePlanningFailed_StillCountsWhatThePlannerSpent()
    {
        var failed = Planned(new PlanningRun(AgentId.Parse("planner"), At, 0.09m, 1, 0, null)) with { Status = GoalStatus.PlanningFailed, Tasks = [] };

        var ledger = BudgetLedger.From([], [failed], DateOnly.FromDateTime(At.UtcDateTime), TimeZoneInfo.Utc);

        Assert.Equal(0.09m, ledger.Total.Usd);
        Assert.Equal(0.09m, ledger.OfGoal(Goal).Usd);
    }
}
