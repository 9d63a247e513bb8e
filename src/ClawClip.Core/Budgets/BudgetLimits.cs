namespace ClawClip.Core.Budgets;

/// <summary>
/// <c>clawclip.yaml</c>'s <c>budgets:</c>: a limit per task (over all its attempts), per agent per day (the
/// machine's local day), per goal, and in total, with the share of a limit at which a warning goes out. A limit
/// reached pauses: a task goes to a person, an agent claims nothing more that day, a goal's tasks wait, the whole
/// team waits.
/// </summary>
/// <param name="Task">Per task, over every attempt.</param>
/// <param name="AgentPerDay">Per agent, per local day, over what its own steps cost.</param>
/// <param name="Goal">Per roadmap goal, over its tasks.</param>
/// <param name="Total">Over every task ever run.</param>
/// <param name="WarnAt">The share of a limit (above 0, at most 1) at which a warning goes out.</param>
public sealed record BudgetLimits(BudgetLimit Task, BudgetLimit AgentPerDay, BudgetLimit Goal, BudgetLimit Total, decimal WarnAt)
{
    /// <summary>The warning threshold when <c>warn_at</c> is not set.</summary>
    public const decimal DefaultWarnAt = 0.8m;

    /// <summary>No limits: what a <c>clawclip.yaml</c> without <c>budgets:</c> gets.</summary>
    public static BudgetLimits None { get; } = new(BudgetLimit.None, BudgetLimit.None, BudgetLimit.None, BudgetLimit.None, DefaultWarnAt);

    /// <summary>Whether any limit is set.</summary>
    public bool IsAnySet => Task.IsSet || AgentPerDay.IsSet || Goal.IsSet || Total.IsSet;
}
