using ClawClip.Core.Lineage;
using ClawClip.Core.Outages;

namespace ClawClip.State;

/// <summary>
/// Outage decisions in <c>state/outage.json</c>, each decided under the file's lock from what the file holds then and
/// written through the store's guarded writer: journaled, atomic, one lineage commit by <see cref="OutagePolicies.Keeper"/>
/// with <c>Policy</c>, <c>Agent</c>, <c>Task</c> and <c>Data</c> trailers.
/// </summary>
public sealed class FileOutageState : IOutageState
{
    private readonly FileStateStore store;
    private readonly StateLayout layout;

    public FileOutageState(FileStateStore store)
    {
        this.store = store;
        layout = store.Layout;
    }

    /// <inheritdoc />
    public Task<OutageState> ReadOutagesAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    /// <inheritdoc />
    public async Task<OutageUpdate?> UpdateOutagesAsync(Func<OutageState, OutageUpdate?> decide, CancellationToken cancellationToken)
    {
        OutageUpdate? written = null;
        await store.WriteGuardedAsync(layout.OutageLockPath, layout.OutagePath, OutagePolicies.Keeper, () =>
        {
            written = decide(Read());
            return written is null ? null : new GuardedChange(written.Next.IsEmpty ? null : OutageFile.Serialize(written.Next), written.Subject, written.Reason, Trailers(written));
        }, cancellationToken).ConfigureAwait(false);
        return written;
    }

    private OutageState Read()
    {
        try
        {
            return OutageFile.Deserialize(File.ReadAllBytes(layout.OutagePath), layout.Display(layout.OutagePath));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return OutageState.Empty;
        }
    }

    private List<Trailer> Trailers(OutageUpdate update)
    {
        List<Trailer> trailers = [new Trailer("Agent", OutagePolicies.Keeper.Name), new Trailer("Policy", update.Policy)];
        if (update.Task is { } task)
        {
            trailers.Add(new Trailer("Task", task.Value));
        }

        trailers.Add(new Trailer("Data", layout.Relative(layout.OutagePath)));
        return trailers;
    }
}
