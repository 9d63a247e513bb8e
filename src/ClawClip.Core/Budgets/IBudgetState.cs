namespace ClawClip.Core.Budgets;

/// <summary>Where budget decisions are kept (<c>state/budget.json</c>), each written with its lineage commit.</summary>
public interface IBudgetState
{
    /// <summary>The pauses in force and the warnings sent; empty when nothing was ever decided.</summary>
    Task<BudgetState> ReadBudgetStateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="decision"/> to the state as it is now, under a lock, and writes it with a lineage
    /// commit by <see cref="BudgetPolicies.Keeper"/>. Returns false, writing nothing, when the decision changes
    /// nothing (it was already made): the caller then sends no alert.
    /// </summary>
    Task<bool> RecordBudgetDecisionAsync(BudgetDecision decision, CancellationToken cancellationToken);
}
