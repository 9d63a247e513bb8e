namespace ClawClip.Core.Policies;

/// <summary>What a handoff does with one failure, ready for a task event.</summary>
/// <param name="Continue">True when the next step runs anyway (with a warning); false when it stops here.</param>
/// <param name="Policy">The rule applied, for the <c>Policy</c> trailer (<c>failure-policy.dev-to-qa.halt</c>).</param>
/// <param name="Reason">Why, in a sentence naming the handoff, its setting, the failure and the consequence.</param>
public sealed record PolicyDecision(bool Continue, string Policy, string Reason);
