using ClawClip.Core.Agents;

namespace ClawClip.Core.Budgets;

/// <summary>The rules budget decisions cite in their <c>Policy</c> trailer, and who makes them.</summary>
public static class BudgetPolicies
{
    /// <summary>An agent reached its per-day limit: it claims nothing more until its day ends.</summary>
    public const string AgentLimit = "budget.agent-limit";

    /// <summary>The total limit was reached: the whole team claims nothing.</summary>
    public const string TeamLimit = "budget.team-limit";

    /// <summary>A goal reached its limit: its tasks are not claimed.</summary>
    public const string GoalLimit = "budget.goal-limit";

    /// <summary>A task reached its limit: it is not run again, and waits for a person in needs-input.</summary>
    public const string TaskLimit = "budget.task-limit";

    /// <summary>Spend crossed the warning share of a limit.</summary>
    public const string Warning = "budget.warning";

    /// <summary>A pause lifted itself: the day rolled over, or the limit was raised or removed.</summary>
    public const string Resumed = "budget.resumed";

    /// <summary>Who records budget decisions in the lineage.</summary>
    public static Actor Keeper { get; } = new("clawclip-budget", new AgentIdentity("clawclip-budget", "budget@clawclip.invalid"), null);
}
