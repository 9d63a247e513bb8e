namespace ClawClip.Core.Merging;

/// <summary>The merge queue's lock: one task lands at a time, across every process.</summary>
public interface IMergeLock
{
    /// <summary>The lock, or null when another process holds it (it is merging; try later).</summary>
    Task<IDisposable?> TryAcquireAsync(CancellationToken cancellationToken);
}
