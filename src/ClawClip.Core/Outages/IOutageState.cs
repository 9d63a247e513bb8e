namespace ClawClip.Core.Outages;

/// <summary>Where outage decisions are kept (<c>state/outage.json</c>), each written with its lineage commit.</summary>
public interface IOutageState
{
    /// <summary>The outages as recorded; <see cref="OutageState.Empty"/> when none was ever recorded.</summary>
    Task<OutageState> ReadOutagesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads the state under a lock, asks <paramref name="decide"/> what to change, and writes its
    /// <see cref="OutageUpdate.Next"/> with a lineage commit by <see cref="OutagePolicies.Keeper"/>. Returns the update
    /// written, or null — writing nothing — when <paramref name="decide"/> found nothing to change.
    /// </summary>
    Task<OutageUpdate?> UpdateOutagesAsync(Func<OutageState, OutageUpdate?> decide, CancellationToken cancellationToken);
}
