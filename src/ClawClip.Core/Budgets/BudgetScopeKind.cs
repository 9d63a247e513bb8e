namespace ClawClip.Core.Budgets;

/// <summary>What a budget limit applies to.</summary>
public enum BudgetScopeKind
{
    /// <summary>One task, over all its attempts.</summary>
    Task,

    /// <summary>One agent, over one local day.</summary>
    Agent,

    /// <summary>One roadmap goal, over its tasks.</summary>
    Goal,

    /// <summary>Everything: the whole team.</summary>
    Total,
}
