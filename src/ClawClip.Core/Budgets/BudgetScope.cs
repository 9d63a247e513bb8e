namespace ClawClip.Core.Budgets;

/// <summary>What one limit, pause or warning is about: a task, an agent, a goal (each by name), or the total.</summary>
/// <param name="Kind">Which kind of limit.</param>
/// <param name="Name">The task id, agent name or goal id; <c>total</c> for the total.</param>
public readonly record struct BudgetScope(BudgetScopeKind Kind, string Name)
{
    public static BudgetScope Total { get; } = new(BudgetScopeKind.Total, "total");

    public static BudgetScope ForTask(string task) => new(BudgetScopeKind.Task, task);

    public static BudgetScope ForAgent(string agent) => new(BudgetScopeKind.Agent, agent);

    public static BudgetScope ForGoal(string goal) => new(BudgetScopeKind.Goal, goal);

    /// <summary>The kind as written in <c>state/budget.json</c>: task, agent, goal or total.</summary>
    public string KindName => KindNames[(int)Kind];

    private static readonly string[] KindNames = ["task", "agent", "goal", "total"];

    public static bool TryParseKind(string? text, out BudgetScopeKind kind)
    {
        var index = Array.IndexOf(KindNames, text);
        kind = index < 0 ? default : (BudgetScopeKind)index;
        return index >= 0;
    }

    /// <summary>As a lineage trailer names it: <c>agent dev-1</c>, <c>goal G-3f9a2c1b</c>, <c>total</c>.</summary>
    public string Key => Kind == BudgetScopeKind.Total ? "total" : $"{KindName} {Name}";

    /// <summary>For a person: <c>agent dev-1</c>, <c>goal G-3f9a2c1b</c>, <c>the total</c>.</summary>
    public override string ToString() => Kind == BudgetScopeKind.Total ? "the total" : $"{KindName} {Name}";
}
