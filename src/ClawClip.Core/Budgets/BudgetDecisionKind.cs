namespace ClawClip.Core.Budgets;

/// <summary>What a budget decision does to <c>state/budget.json</c>.</summary>
public enum BudgetDecisionKind
{
    /// <summary>A limit was reached: the scope takes no new work.</summary>
    Pause,

    /// <summary>A pause lifts: its day ended, or its limit was raised or removed.</summary>
    Resume,

    /// <summary>Spend crossed the warning share of a limit; the warning is remembered so it goes out once.</summary>
    Warn,
}
