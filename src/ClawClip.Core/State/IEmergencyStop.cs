using ClawClip.Core.Agents;

namespace ClawClip.Core.State;

/// <summary>The big red button: while a stop is in force, every claim is refused.</summary>
public interface IEmergencyStop
{
    Task<EmergencyStop?> ReadAsync(CancellationToken cancellationToken);

    Task StopAsync(Actor actor, string reason, CancellationToken cancellationToken);

    /// <summary>Lifts the stop; returns false if none was in force.</summary>
    Task<bool> ResumeAsync(Actor actor, string reason, CancellationToken cancellationToken);
}
