namespace ClawClip.Core.Budgets;

/// <summary>
/// <c>state/budget.json</c>: the pauses in force and the warnings already sent. Decisions change it one at a time,
/// each with its lineage commit, so a restart finds every pause and never sends a warning twice.
/// </summary>
/// <param name="Pauses">The pauses in force, at most one per scope.</param>
/// <param name="Warnings">The warnings sent, at most one per scope (an agent's is for its latest day).</param>
public sealed record BudgetState(IReadOnlyList<BudgetPause> Pauses, IReadOnlyList<BudgetWarningSent> Warnings)
{
    public static BudgetState Empty { get; } = new([], []);

    public bool IsEmpty => Pauses.Count == 0 && Warnings.Count == 0;

    /// <summary>The pause on <paramref name="scope"/>, if one is in force.</summary>
    public BudgetPause? PauseOf(BudgetScope scope) => Pauses.FirstOrDefault(p => p.Scope == scope);

    /// <summary>Whether a warning about <paramref name="scope"/> already went out in <paramref name="period"/>.</summary>
    public bool WasWarned(BudgetScope scope, string period) => Warnings.Any(w => w.Scope == scope && w.Period == period);

    /// <summary>
    /// The state after <paramref name="decision"/>; this very instance when the decision changes nothing (another
    /// process made it first), so that no second commit and no second alert follow.
    /// </summary>
    public BudgetState Apply(BudgetDecision decision)
    {
        switch (decision.Kind)
        {
            case BudgetDecisionKind.Pause when PauseOf(decision.Scope) is null:
                var pause = new BudgetPause(decision.Scope, decision.Period, decision.Policy, decision.Reason, decision.At, decision.Until);
                return this with { Pauses = [.. Pauses, pause] };
            case BudgetDecisionKind.Resume when PauseOf(decision.Scope) is not null:
                return this with { Pauses = [.. Pauses.Where(p => p.Scope != decision.Scope)] };
            case BudgetDecisionKind.Warn when !WasWarned(decision.Scope, decision.Period):
                // An agent's warning of an earlier day is replaced: the file keeps one per scope.
                var warning = new BudgetWarningSent(decision.Scope, decision.Period, decision.At);
                return this with { Warnings = [.. Warnings.Where(w => w.Scope != decision.Scope), warning] };
            default:
                return this;
        }
    }
}
