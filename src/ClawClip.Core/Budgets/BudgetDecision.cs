namespace ClawClip.Core.Budgets;

/// <summary>
/// One budget decision, recorded in <c>state/budget.json</c> with a lineage commit of its own: subject, reason and
/// rule, like a task's transition.
/// </summary>
/// <param name="Kind">Pause, resume or warn.</param>
/// <param name="Scope">Who or what it is about.</param>
/// <param name="Period">The period of the limit: a local day or <c>all-time</c>.</param>
/// <param name="Policy">The rule (<c>budget.agent-limit</c>, <c>budget.resumed</c>, …).</param>
/// <param name="Subject">The lineage commit's subject: <c>budget: dev-1 paused</c>.</param>
/// <param name="Reason">Why, in a sentence: spent, limit, until when.</param>
/// <param name="At">When it was decided.</param>
/// <param name="Spent">What the scope has spent in the period.</param>
/// <param name="Limit">The limit it was measured against.</param>
public sealed record BudgetDecision(
    BudgetDecisionKind Kind,
    BudgetScope Scope,
    string Period,
    string Policy,
    string Subject,
    string Reason,
    DateTimeOffset At,
    BudgetSpend Spent,
    BudgetLimit Limit)
{
    /// <summary>For a pause: when it lifts by itself; null when only a raised limit lifts it.</summary>
    public DateTimeOffset? Until { get; init; }
}
