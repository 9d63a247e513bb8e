using ClawClip.Core.Agents;

namespace ClawClip.Core.Goals;

/// <summary>
/// One planner run for a goal, usable plan or not, as its goal file records it: what the planner's work cost. The
/// budgets count it with the goal's tasks (<see cref="Budgets.BudgetLedger"/>), so planning is paid for like any run.
/// </summary>
/// <param name="Agent">The planner that ran.</param>
/// <param name="At">When the run ended.</param>
/// <param name="CostUsd">What it cost.</param>
/// <param name="Turns">Agent turns it took.</param>
/// <param name="Tokens">Tokens it used (see <see cref="AgentRunResult.Tokens"/>).</param>
/// <param name="Session">Its session, when the runtime has one.</param>
public sealed record PlanningRun(AgentId Agent, DateTimeOffset At, decimal CostUsd, int Turns, long Tokens, string? Session);
