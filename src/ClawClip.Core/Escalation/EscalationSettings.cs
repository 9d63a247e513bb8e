namespace ClawClip.Core.Escalation;

/// <summary>When a task is escalated.</summary>
/// <param name="Margin">How far past its estimate an active task may run before it is escalated: 30 minutes.</param>
/// <param name="DefaultEstimate">
/// The estimate of a task that has none: 30 minutes, the top of the 10–30 minutes a planned task is sized for. So a
/// task nobody estimated is escalated after an hour in an active state.
/// </param>
/// <param name="NeedsInputAfter">
/// How long a task may wait in needs-input before it is escalated: 30 minutes by default. Escalating at once would
/// hand an intern's approved work to a higher tier before any person could approve it, and so skip the rule that
/// an intern's work waits for a person.
/// </param>
public sealed record EscalationSettings(TimeSpan Margin, TimeSpan DefaultEstimate, TimeSpan NeedsInputAfter)
{
    public static EscalationSettings Default { get; } = new(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30));
}
