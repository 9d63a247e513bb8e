namespace ClawClip.State;

/// <summary>The rules the store itself applies, as they appear in the <c>Policy</c> trailer.</summary>
public static class Policies
{
    public const string Init = "init";
    public const string Submit = "intake.submit";
    public const string ClaimNext = "claim.priority-and-skills";
    public const string ClaimNamed = "claim.named-task";
    public const string ReapLeaseExpired = "reap.lease-expired";
    public const string ReapMaxAttempts = "reap.max-attempts";
    public const string EmergencyStop = "emergency-stop";
    public const string AgentSnapshot = "agent.context-snapshot";
    public const string AgentOutbox = "agent.outbox";
    public const string Reconcile = "recovery.reconcile";

    /// <summary>An agent's run cost was added to its spend in trust.json.</summary>
    public const string TrustSpend = "trust.spend";
}
