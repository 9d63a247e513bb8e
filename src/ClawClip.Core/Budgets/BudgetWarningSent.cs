namespace ClawClip.Core.Budgets;

/// <summary>A warning already sent for a scope in a period: kept so that a restart never sends it twice.</summary>
/// <param name="Scope">What the warning was about.</param>
/// <param name="Period">The period it was for: a local day for an agent, <c>all-time</c> otherwise.</param>
/// <param name="At">When it was sent.</param>
public sealed record BudgetWarningSent(BudgetScope Scope, string Period, DateTimeOffset At);
