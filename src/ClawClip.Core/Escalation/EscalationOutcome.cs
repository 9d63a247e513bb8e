namespace ClawClip.Core.Escalation;

/// <summary>What an escalation did to its task.</summary>
public enum EscalationOutcome
{
    /// <summary>Back to the backlog, reserved for a tier above its holder's: a higher-tier dev claims it next.</summary>
    Reassigned,

    /// <summary>A person was notified; the task stays where it is (no higher tier, or the merge queue has it).</summary>
    NotifiedOnly,

    /// <summary>A person was notified; its agent is running it now, so it is reassigned once that run ends.</summary>
    NotifiedReassignLater,
}
