namespace ClawClip.Core.State;

/// <summary><c>state/emergency-stop.json</c>: while it exists, every claim is refused.</summary>
public sealed record EmergencyStop(string Reason, string By, DateTimeOffset At);
