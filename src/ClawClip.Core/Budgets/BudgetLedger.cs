using ClawClip.Core.Goals;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Budgets;

/// <summary>
/// What was spent, read off the tasks' histories (each event's cost and tokens) and the goals' planner runs: per task
/// over all its attempts, per agent on one local day (by the event's actor: a dev's runs are on its moves, a
/// reviewer's on its verdicts and on its tries without one; a planner's on its goal's runs), per goal (its tasks and
/// its planning), and in total. Nothing is stored apart from the task and goal files, so the ledger can never
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

    /// <summary>Everything every task and every planner run ever spent.</summary>
    public BudgetSpend Total { get; }

    /// <summary>Each task's spend, for tasks that spent anything.</summary>
    public IReadOnlyDictionary<TaskId, BudgetSpend> ByTask => byTask;

    /// <summary>Each actor's spend on <see cref="Day"/>, for actors that spent anything.</summary>
    public IReadOnlyDictionary<string, BudgetSpend> ByAgentOnDay => byAgentOnDay;

    /// <summary>Each goal's spend (its tasks' and its planner runs'), for goals that spent anything.</summary>
    public IReadOnlyDictionary<GoalId, BudgetSpend> ByGoal => byGoal;

    /// <summary>Adds up <paramref name="tasks"/>; the per-agent figures are for the local day <paramref name="day"/> in <paramref name="zone"/>.</summary>
    public static BudgetLedger From(IEnumerable<TaskRecord> tasks, DateOnly day, TimeZoneInfo zone) => From(tasks, [], day, zone);

    /// <summary>Adds up <paramref name="tasks"/> and the planner runs of <paramref name="goals"/>; the per-agent figures are for <paramref name="day"/>.</summary>
    public static BudgetLedger From(IEnumerable<TaskRecord> tasks, IEnumerable<GoalRecord> goals, DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(goals);
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

        foreach (var goal in goals)
        {
            foreach (var run in goal.PlanningRuns)
            {
                var spend = new BudgetSpend(run.CostUsd, run.Tokens);
                total += spend;
                byGoal[goal.Id] = byGoal.GetValueOrDefault(goal.Id) + spend;
                if (BudgetPeriod.LocalDay(run.At, zone) == day)
                {
                    byAgent[run.Agent.Value] = byAgent.GetValueOrDefault(run.Agent.Value) + spend;
                }
            }
        }

        return new BudgetLedger(day, total, byTask, byAgent, byGoal);
    }

    public BudgetSpend OfTask(TaskId task) => byTask.GetValueOrDefault(task);

    public BudgetSpend OfAgent(string agent) => byAgentOnDay.GetValueOrDefault(agent);

    public BudgetSpend OfGoal(GoalId goal) => byGoal.GetValueOrDefault(goal);
}
