namespace ClawClip.Core.Alerts;

/// <summary>What an alert is about.</summary>
public enum AlertKind
{
    /// <summary>A task waits on a person, or has been active longer than its threshold.</summary>
    Escalation,

    /// <summary>Spend crossed a budget's warning threshold.</summary>
    BudgetWarning,

    /// <summary>An agent takes no new work (a budget limit, by hand).</summary>
    AgentPaused,

    /// <summary>The whole team takes no new work (the total or a team budget is spent).</summary>
    TeamPaused,

    /// <summary>A roadmap goal cannot be done: a task planned for it failed, and waits for a person.</summary>
    GoalFailed,
}
