namespace ClawClip.Core.State;

/// <summary>
/// Writes the lineage commits of the changes made so far, in order, as one group commit. A change is durable
/// before its commit is written (its record waits in the journal), so a caller making many changes in a row
/// flushes once at the end of a step instead of after each.
/// </summary>
public interface ILineageWriter
{
    /// <summary>Commits every waiting record; returns how many this call wrote.</summary>
    Task<int> FlushLineageAsync(CancellationToken cancellationToken);
}
