using System.Globalization;
using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Goals;
using ClawClip.Core.State;

namespace ClawClip.Core.Budgets;

/// <summary>
/// Asked before a dev claims: reads the ledger off the tasks (and the goals' planner runs), records what the budget rules decide (pauses that
/// lift, limits that pause, warnings due; each with its lineage commit in <c>state/budget.json</c>), raises an alert
/// for each decision this process recorded once its commit is written, and answers whether the dev may claim and which goals it must leave.
/// Without limits and without anything recorded it reads nothing but the budget state.
/// </summary>
public sealed class BudgetGate
{
    private readonly ITaskStore store;
    private readonly IBudgetState state;
    private readonly ILineageWriter lineage;
    private readonly IAlerts alerts;
    private readonly TimeProvider time;
    private readonly IGoalStore? goals;

    /// <summary>A gate over the tasks of <paramref name="store"/> and, when <paramref name="goals"/> is given, the goals' planner runs.</summary>
    public BudgetGate(ITaskStore store, IBudgetState state, ILineageWriter lineage, BudgetLimits limits, IAlerts alerts, TimeProvider time, IGoalStore? goals = null)
    {
        this.goals = goals;
        this.store = store;
        this.state = state;
        this.lineage = lineage;
        this.alerts = alerts;
        this.time = time;
        Limits = limits;
    }

    public BudgetLimits Limits { get; }

    /// <summary>Decides what the budgets say now, then whether <paramref name="agent"/> may claim.</summary>
    public async Task<ClaimPermit> BeforeClaimAsync(AgentId agent, CancellationToken cancellationToken)
    {
        var current = await state.ReadBudgetStateAsync(cancellationToken).ConfigureAwait(false);
        if (!Limits.IsAnySet && current.IsEmpty)
        {
            return ClaimPermit.Open;
        }

        var tasks = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var zone = time.LocalTimeZone;
        var planned = goals is null ? [] : await goals.ReadGoalsAsync(cancellationToken).ConfigureAwait(false);
        var ledger = BudgetLedger.From(tasks, planned, BudgetPeriod.LocalDay(now, zone), zone);
        var decisions = BudgetRules.Decide(Limits, ledger, current, [.. tasks], agent.Value, now, zone);
        var recorded = new List<BudgetDecision>();
        foreach (var decision in decisions)
        {
            if (await state.RecordBudgetDecisionAsync(decision, cancellationToken).ConfigureAwait(false))
            {
                recorded.Add(decision);
            }
        }

        // Recorded and committed first, raised after: a person who follows the alert to the lineage finds the decision
        // there. A crash in between loses an alert, never sends one twice.
        if (recorded.Count > 0)
        {
            await lineage.FlushAndWaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var decision in recorded)
            {
                await RaiseAsync(decision, cancellationToken).ConfigureAwait(false);
            }
        }

        var after = decisions.Count == 0 ? current : await state.ReadBudgetStateAsync(cancellationToken).ConfigureAwait(false);
        return BudgetRules.Permit(after, agent.Value);
    }

    private ValueTask RaiseAsync(BudgetDecision decision, CancellationToken cancellationToken)
    {
        // A goal has no alert of its own: its pause goes out as a budget alert, titled for what it is.
        AlertKind? kind = (decision.Kind, decision.Scope.Kind) switch
        {
            (BudgetDecisionKind.Warn, _) => AlertKind.BudgetWarning,
            (BudgetDecisionKind.Pause, BudgetScopeKind.Agent) => AlertKind.AgentPaused,
            (BudgetDecisionKind.Pause, BudgetScopeKind.Total) => AlertKind.TeamPaused,
            (BudgetDecisionKind.Pause, _) => AlertKind.BudgetWarning,
            _ => null, // a pause lifting itself is in the lineage; nobody needs waking for it
        };
        if (kind is null)
        {
            return ValueTask.CompletedTask;
        }

        List<KeyValuePair<string, string>> fields =
        [
            new("spent", decision.Limit.Describe(decision.Spent)),
            new("limit", decision.Limit.ToString()),
            new("period", decision.Period),
        ];
        if (decision.Until is { } until)
        {
            fields.Add(new("until", until.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)));
        }

        var alert = new Alert(kind.Value, decision.Subject, decision.Reason, decision.At)
        {
            Agent = decision.Scope.Kind == BudgetScopeKind.Agent && AgentId.TryParse(decision.Scope.Name, out var agent) ? agent : null,
            Task = decision.Scope.Kind == BudgetScopeKind.Task && Tasks.TaskId.TryParse(decision.Scope.Name, out var task) ? task : null,
            Fields = fields,
        };
        return alerts.RaiseAsync(alert, cancellationToken);
    }
}
