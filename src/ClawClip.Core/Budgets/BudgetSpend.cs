using System.Globalization;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Budgets;

/// <summary>What was spent: US dollars and tokens, as the runtime reported them.</summary>
/// <param name="Usd">Dollars, from the runs' <c>total_cost_usd</c>.</param>
/// <param name="Tokens">Tokens, counted as <see cref="Agents.AgentRunResult.Tokens"/> says.</param>
public readonly record struct BudgetSpend(decimal Usd, long Tokens)
{
    public static BudgetSpend Zero => default;

    /// <summary>What one task event recorded (nothing, for an event that ran no agent).</summary>
    public static BudgetSpend Of(TaskEvent e) => new(e.CostUsd ?? 0m, e.Tokens ?? 0L);

    public static BudgetSpend operator +(BudgetSpend left, BudgetSpend right) => new(left.Usd + right.Usd, left.Tokens + right.Tokens);

    public BudgetSpend Add(BudgetSpend other) => this + other;

    /// <summary>For a person: <c>1.25 USD, 48,000 tokens</c>.</summary>
    public override string ToString() => $"{Dollars(Usd)} USD, {TokenCount(Tokens)} tokens";

    internal static string Dollars(decimal usd) => usd.ToString("0.00##", CultureInfo.InvariantCulture);

    internal static string TokenCount(long tokens) => tokens.ToString("#,0", CultureInfo.InvariantCulture);
}
