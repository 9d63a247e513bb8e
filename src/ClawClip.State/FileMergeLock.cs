using ClawClip.Core.Merging;

namespace ClawClip.State;

/// <summary>The merge queue's lock as a file lock, <c>state/locks/merge.lock</c>: released by the kernel if its holder dies.</summary>
public sealed class FileMergeLock : IMergeLock
{
    private readonly StateLayout layout;

    public FileMergeLock(StateLayout layout) => this.layout = layout;

    /// <inheritdoc />
    public Task<IDisposable?> TryAcquireAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IDisposable?>(FileLock.TryAcquire(Path.Combine(layout.LocksRoot, "merge.lock")));
}
