using ClawClip.Core.Tasks;

namespace ClawClip.Core.Escalation;

/// <summary>One escalation, as the escalator made it.</summary>
/// <param name="Task">The task escalated.</param>
/// <param name="Policy">Why: <see cref="EscalationPolicies.NeedsInput"/> or <see cref="EscalationPolicies.Overdue"/>.</param>
/// <param name="Outcome">What became of the task.</param>
/// <param name="Notified">Whether a person was notified this time (once per stretch: not again when a later run reassigns).</param>
/// <param name="Reason">The reason written to the task's history and the lineage.</param>
public sealed record Escalation(TaskId Task, string Policy, EscalationOutcome Outcome, bool Notified, string Reason);
