namespace ClawClip.Core.Budgets;

/// <summary>
/// A pause in force: an agent, a goal or the whole team takes no new work, because a limit was reached. It lifts
/// itself when its period ends (an agent's day) or the limit is raised or removed.
/// </summary>
/// <param name="Scope">Who or what is paused.</param>
/// <param name="Period">The period the limit counts over: a local day (<c>2026-11-03</c>) or <c>all-time</c>.</param>
/// <param name="Policy">The rule that paused it (<c>budget.agent-limit</c>).</param>
/// <param name="Reason">Why, in a sentence: what was spent against which limit.</param>
/// <param name="Since">When it was paused.</param>
/// <param name="Until">When it lifts by itself (an agent's day ends); null: until the limit is raised.</param>
public sealed record BudgetPause(BudgetScope Scope, string Period, string Policy, string Reason, DateTimeOffset Since, DateTimeOffset? Until);
