using System.Globalization;
using ClawClip.Core.Goals;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Budgets;

/// <summary>
/// The budget rules, as a pure function of the limits, the ledger and the decisions already recorded: which pauses
/// lift (the day rolled over, the limit was raised or removed), which limits now pause (the claiming agent, a goal,
/// the whole team), and which warnings are due (once per scope and period). A scope whose limit is reached gets
/// its pause and no warning: the pause says more.
/// </summary>
internal static class BudgetRules
{
    public static IReadOnlyList<BudgetDecision> Decide(BudgetLimits limits, BudgetLedger ledger, BudgetState state, IReadOnlyCollection<TaskRecord> tasks, string? claimant, DateTimeOffset now, TimeZoneInfo zone)
    {
        var decisions = new List<BudgetDecision>();
        var today = BudgetPeriod.Day(ledger.Day);
        var openGoals = tasks.Where(t => t.Status.Queue() != QueueKind.Completed && t.Definition.Goal is not null).Select(t => t.Definition.Goal!.Value).ToHashSet();

        foreach (var pause in state.Pauses)
        {
            if (Lifted(pause, limits, ledger, today) is { } why)
            {
                decisions.Add(new BudgetDecision(BudgetDecisionKind.Resume, pause.Scope, pause.Period, BudgetPolicies.Resumed, $"budget: {Who(pause.Scope)} resumed", why, now, Spent(pause.Scope, ledger), LimitOf(pause.Scope.Kind, limits)));
            }
        }

        bool Paused(BudgetScope scope) => state.PauseOf(scope) is not null && !decisions.Any(d => d.Scope == scope);

        if (limits.Total.IsReachedBy(ledger.Total) && !Paused(BudgetScope.Total))
        {
            decisions.Add(new BudgetDecision(
                BudgetDecisionKind.Pause, BudgetScope.Total, BudgetPeriod.AllTime, BudgetPolicies.TeamLimit, "budget: the team paused",
                $"The team has spent {limits.Total.Describe(ledger.Total)} in all, reaching the total limit of {limits.Total} (budgets.total in clawclip.yaml): no agent claims a new task until the limit is raised. Work already held goes on.",
                now, ledger.Total, limits.Total));
        }

        foreach (var (goal, spent) in ledger.ByGoal.OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var scope = BudgetScope.ForGoal(goal.Value);
            if (limits.Goal.IsReachedBy(spent) && openGoals.Contains(goal) && !Paused(scope))
            {
                decisions.Add(new BudgetDecision(
                    BudgetDecisionKind.Pause, scope, BudgetPeriod.AllTime, BudgetPolicies.GoalLimit, $"budget: goal {goal} paused",
                    $"Goal {goal}'s tasks have spent {limits.Goal.Describe(spent)}, reaching the per-goal limit of {limits.Goal} (budgets.goal in clawclip.yaml): its tasks are not claimed until the limit is raised.",
                    now, spent, limits.Goal));
            }
        }

        if (claimant is not null && limits.AgentPerDay.IsReachedBy(ledger.OfAgent(claimant)) && !Paused(BudgetScope.ForAgent(claimant)))
        {
            var spent = ledger.OfAgent(claimant);
            var until = BudgetPeriod.DayEnds(ledger.Day, zone);
            decisions.Add(new BudgetDecision(
                BudgetDecisionKind.Pause, BudgetScope.ForAgent(claimant), today, BudgetPolicies.AgentLimit, $"budget: {claimant} paused for {today}",
                $"{claimant} has spent {limits.AgentPerDay.Describe(spent)} today ({today}), reaching its limit of {limits.AgentPerDay} a day (budgets.agent_per_day in clawclip.yaml): it claims no new task until its day ends at {until.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}. What it holds now goes on.",
                now, spent, limits.AgentPerDay) { Until = until });
        }

        decisions.AddRange(Warnings(limits, ledger, state, tasks, openGoals, today, now));
        return decisions;
    }

    /// <summary>The pauses in force, as a claim sees them: the team's, the agent's, and the goals to leave.</summary>
    public static ClaimPermit Permit(BudgetState state, string agent)
    {
        if (state.PauseOf(BudgetScope.Total) is { } team)
        {
            return new ClaimPermit(false, $"the whole team is paused ({team.Policy}): {team.Reason}", new HashSet<GoalId>());
        }

        if (state.PauseOf(BudgetScope.ForAgent(agent)) is { } own)
        {
            return new ClaimPermit(false, $"{agent} is paused ({own.Policy}): {own.Reason}", new HashSet<GoalId>());
        }

        var goals = state.Pauses.Where(p => p.Scope.Kind == BudgetScopeKind.Goal && GoalId.TryParse(p.Scope.Name, out _)).Select(p => GoalId.Parse(p.Scope.Name)).ToHashSet();
        return goals.Count == 0 ? ClaimPermit.Open : new ClaimPermit(true, null, goals);
    }

    private static string? Lifted(BudgetPause pause, BudgetLimits limits, BudgetLedger ledger, string today)
    {
        var limit = LimitOf(pause.Scope.Kind, limits);
        var spent = Spent(pause.Scope, ledger);
        if (pause.Scope.Kind == BudgetScopeKind.Agent && pause.Period != today)
        {
            return $"{pause.Scope.Name}'s day {pause.Period} has ended: its per-day spend starts again from nothing, and it claims again.";
        }

        if (limit.IsReachedBy(spent))
        {
            return null;
        }

        var now = limit.IsSet ? $"the limit is now {limit}" : "the limit was removed from clawclip.yaml";
        return $"{now}, and {Who(pause.Scope)} has spent {spent}{(pause.Scope.Kind == BudgetScopeKind.Agent ? " today" : string.Empty)}: work is claimed again.";
    }

    // A list, not an iterator: the compiler's iterators read Environment, which the architecture test keeps out of Core.
    private static List<BudgetDecision> Warnings(BudgetLimits limits, BudgetLedger ledger, BudgetState state, IReadOnlyCollection<TaskRecord> tasks, HashSet<GoalId> openGoals, string today, DateTimeOffset now)
    {
        var candidates = new List<(BudgetScope Scope, string Period, BudgetSpend Spent, BudgetLimit Limit, string Setting)>
        {
            (BudgetScope.Total, BudgetPeriod.AllTime, ledger.Total, limits.Total, "budgets.total"),
        };
        candidates.AddRange(ledger.ByGoal.Where(g => openGoals.Contains(g.Key)).OrderBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g => (BudgetScope.ForGoal(g.Key.Value), BudgetPeriod.AllTime, g.Value, limits.Goal, "budgets.goal")));
        candidates.AddRange(ledger.ByAgentOnDay.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => (BudgetScope.ForAgent(a.Key), today, a.Value, limits.AgentPerDay, "budgets.agent_per_day")));
        candidates.AddRange(tasks.Where(t => t.Status.Queue() != QueueKind.Completed && ledger.ByTask.ContainsKey(t.Id))
            .Select(t => (BudgetScope.ForTask(t.Id.Value), BudgetPeriod.AllTime, ledger.OfTask(t.Id), limits.Task, "budgets.task")));

        var warnings = new List<BudgetDecision>();
        foreach (var (scope, period, spent, limit, setting) in candidates)
        {
            if (!limit.IsSet || limit.IsReachedBy(spent) || !limit.IsReachedBy(spent, limits.WarnAt) || state.WasWarned(scope, period))
            {
                continue;
            }

            var share = Share(spent, limit).ToString("0%", CultureInfo.InvariantCulture);
            var when = scope.Kind == BudgetScopeKind.Agent ? $" today ({period})" : string.Empty;
            warnings.Add(new BudgetDecision(
                BudgetDecisionKind.Warn, scope, period, BudgetPolicies.Warning, $"budget: warning for {scope}",
                $"{Who(scope)} has spent {limit.Describe(spent)}{when}, {share} of its limit of {limit} ({setting} in clawclip.yaml; the warning goes out at {limits.WarnAt.ToString("0%", CultureInfo.InvariantCulture)}).",
                now, spent, limit));
        }

        return warnings;
    }

    /// <summary>The larger of the dollar and token shares of the limit spent.</summary>
    internal static decimal Share(BudgetSpend spent, BudgetLimit limit)
    {
        var usd = limit.Usd is { } u && u > 0 ? spent.Usd / u : 0m;
        var tokens = limit.Tokens is { } t && t > 0 ? (decimal)spent.Tokens / t : 0m;
        return Math.Max(usd, tokens);
    }

    private static BudgetLimit LimitOf(BudgetScopeKind kind, BudgetLimits limits) => kind switch
    {
        BudgetScopeKind.Task => limits.Task,
        BudgetScopeKind.Agent => limits.AgentPerDay,
        BudgetScopeKind.Goal => limits.Goal,
        _ => limits.Total,
    };

    private static BudgetSpend Spent(BudgetScope scope, BudgetLedger ledger) => scope.Kind switch
    {
        BudgetScopeKind.Task => TaskId.TryParse(scope.Name, out var task) ? ledger.OfTask(task) : BudgetSpend.Zero,
        BudgetScopeKind.Agent => ledger.OfAgent(scope.Name),
        BudgetScopeKind.Goal => GoalId.TryParse(scope.Name, out var goal) ? ledger.OfGoal(goal) : BudgetSpend.Zero,
        _ => ledger.Total,
    };

    private static string Who(BudgetScope scope) => scope.Kind switch
    {
        BudgetScopeKind.Total => "the team",
        BudgetScopeKind.Agent => scope.Name,
        _ => scope.ToString(),
    };
}
