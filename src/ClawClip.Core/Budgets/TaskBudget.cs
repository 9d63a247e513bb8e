using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Budgets;

/// <summary>
/// The per-task limit, as the pipeline applies it before each dev run: a task that has reached it is not run
/// again (it goes to a person, in needs-input, with the reason), and a run never gets more than the task has left.
/// </summary>
public static class TaskBudget
{
    /// <summary>
    /// Why <paramref name="task"/> must not run again, or null. <paramref name="pending"/> is what the current step's
    /// runs have spent and no event records yet.
    /// </summary>
    public static string? Exceeded(TaskRecord task, BudgetSpend pending, BudgetLimit limit)
    {
        var spent = Spent(task, pending);
        return limit.IsReachedBy(spent)
            ? $"{task.Id} has spent {limit.Describe(spent)} over its attempts, reaching the per-task limit of {limit} (budgets.task in clawclip.yaml): it is not run again. A person decides: raise budgets.task and put it back in the backlog, or cancel it."
            : null;
    }

    /// <summary><paramref name="policy"/> with its per-run dollar cap lowered to what the task has left, when that is less.</summary>
    public static TierPolicy CapRun(TierPolicy policy, TaskRecord task, BudgetSpend pending, BudgetLimit limit) =>
        limit.Usd is { } usd && usd - Spent(task, pending).Usd is var left && left > 0m && left < policy.MaxCostUsd
            ? policy with { MaxCostUsd = left }
            : policy;

    private static BudgetSpend Spent(TaskRecord task, BudgetSpend pending) =>
        task.History.Aggregate(pending, (sum, e) => sum + BudgetSpend.Of(e));
}
