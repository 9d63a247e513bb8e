namespace ClawClip.Core.Escalation;

/// <summary>The rules escalations cite in their <c>Policy</c> trailer and history events.</summary>
public static class EscalationPolicies
{
    /// <summary>A task waited in needs-input (on a person) past its threshold.</summary>
    public const string NeedsInput = "escalate.needs-input";

    /// <summary>A task stayed in an active state (claimed, running, review, merging) past its estimate and margin.</summary>
    public const string Overdue = "escalate.overdue";

    /// <summary>Whether <paramref name="policy"/> is one of the escalation rules.</summary>
    public static bool IsEscalation(string policy) => policy is NeedsInput or Overdue;
}
