using ClawClip.Core.Goals;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Budgets;

/// <summary>
/// What was spent, read off the tasks' histories (each event's cost and tokens): per task over all its attempts,
/// per agent on one local day (by the event's actor: a dev's runs are on its moves, a reviewer's on its
/// verdicts), per goal, and in total. Nothing is stored apart from the task files, so the ledger can never
/// disagree with them.
/// </summary>
public sealed class BudgetLedger
{
    private readonly Dictionary<TaskId, BudgetSpend> byTask;
    private readonly Dictionary<string, BudgetSpend> byAgentOnDay;
    private readonly Dictionary<GoalId, BudgetSpend> byGoal;

    private BudgetLedger(DateOnly day, BudgetSpend total, Dictionary<TaskId, BudgetSpend> byTask, Dictionary<string, BudgetSpend> byAgentOnDay, Dictionary<GoalId, BudgetSpend> byGoal)
    {
        Day = day;
        Total = total;
        this.byTask = byTask;
        this.byAgentOnDay = byAgentOnDay;
        this.byGoal = byGoal;
    }

    /// <summary>The local day the per-agent figures are for.</summary>
    public DateOnly Day { get; }

    /// <summary>Everything every task ever spent.</summary>
    public BudgetSpend Total { get; }

    /// <summary>Each task's spend, for tasks that spent anything.</summary>
    public IReadOnlyDictionary<TaskId, BudgetSpend> ByTask => byTask;

    /// <summary>Each actor's spend on <see cref="Day"/>, for actors that spent anything.</summary>
    public IReadOnlyDictionary<string, BudgetSpend> ByAgentOnDay => byAgentOnDay;

    /// <summary>Each goal's spend, for goals whose tasks spent anything.</summary>
    public IReadOnlyDictionary<GoalId, BudgetSpend> ByGoal => byGoal;

    /// <summary>Adds up <paramref name="tasks"/>; the per-agent figures are for the local day <paramref name="day"/> in <paramref name="zone"/>.</summary>
    public static BudgetLedger From(IEnumerable<TaskRecord> tasks, DateOnly day, TimeZoneInfo zone)
    {
        var total = BudgetSpend.Zero;
        var byTask = new Dictionary<TaskId, BudgetSpend>();
        var byAgent = new Dictionary<string, BudgetSpend>(StringComparer.Ordinal);
        var byGoal = new Dictionary<GoalId, BudgetSpend>();
        foreach (var task in tasks)
        {
            var taskSpend = BudgetSpend.Zero;
            foreach (var e in task.History.Where(e => e.CostUsd is not null || e.Tokens is not null))
            {
                var spend = BudgetSpend.Of(e);
                taskSpend += spend;
                if (BudgetPeriod.LocalDay(e.At, zone) == day)
                {
                    byAgent[e.Actor] = byAgent.GetValueOrDefault(e.Actor) + spend;
                }
            }

            if (taskSpend == BudgetSpend.Zero)
            {
                continue;
            }

            total += taskSpend;
            byTask[task.Id] = taskSpend;
            if (task.Definition.Goal is { } goal)
            {
                byGoal[goal] = byGoal.GetValueOrDefault(goal) + taskSpend;
            }
        }

        return new BudgetLedger(day, total, byTask, byAgent, byGoal);
    }

    public BudgetSpend OfTask(TaskId task) => byTask.GetValueOrDefault(task);

    public BudgetSpend OfAgent(string agent) => byAgentOnDay.GetValueOrDefault(agent);

    public BudgetSpend OfGoal(GoalId goal) => byGoal.GetValueOrDefault(goal);
}
