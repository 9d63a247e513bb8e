namespace ClawClip.State;

/// <summary>How a <see cref="FileStateStore"/> behaves.</summary>
public sealed record StateStoreOptions
{
    /// <summary>
    /// Commit each change's lineage record before the call returns (the command line does this). A
    /// long-running process sets it false and calls <see cref="FileStateStore.FlushLineageAsync"/> from a
    /// background loop, so many records share one git process.
    /// </summary>
    public bool FlushAfterEachChange { get; init; } = true;

    /// <summary>How long to wait for a task's or an agent's lock before giving up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How old the in-memory list of backlog tasks may be before a claim lists the folder again.</summary>
    public TimeSpan BacklogIndexMaxAge { get; init; } = TimeSpan.Zero;

    /// <summary>Records per lineage batch (one git process each).</summary>
    public int MaxRecordsPerCommitBatch { get; init; } = 2000;

    public ITransitionObserver Observer { get; init; } = ITransitionObserver.None;
}
