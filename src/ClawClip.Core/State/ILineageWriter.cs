namespace ClawClip.Core.State;

/// <summary>
/// Writes the lineage commits of the changes made so far, in order, as one group commit. A change is durable
/// before its commit is written (its record waits in the journal), so a caller making many changes in a row
/// flushes once at the end of a step instead of after each.
/// </summary>
public interface ILineageWriter
{
    /// <summary>
    /// Commits every waiting record, or, when another process holds the lineage lock, leaves them to that holder
    /// (<see cref="FlushResult.LeftToHolder"/>), which commits them before it lets go. Does not wait for the holder.
    /// </summary>
    Task<FlushResult> FlushLineageAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits every record waiting now and returns only once each of them is on the lineage branch: when another
    /// holder has them, polls (on the store's clock) until it has written them, or takes the lock itself once it is
    /// free. For a caller about to tell a person of a decision, who must find it in the lineage. Throws
    /// <see cref="TimeoutException"/>, naming the lock, when they are still waiting after the store's lock timeout.
    /// </summary>
    Task FlushAndWaitAsync(CancellationToken cancellationToken);
}
