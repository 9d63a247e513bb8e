using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// The run lock of each task as a file lock, <c>state/locks/runs/&lt;id&gt;.lock</c>, held while an agent works on
/// it. The kernel releases it when its holder dies, so a free lock on a held task means nobody is running it.
/// </summary>
public sealed class FileRunLock : ITaskRunLock
{
    private readonly StateLayout layout;

    public FileRunLock(StateLayout layout) => this.layout = layout;

    /// <inheritdoc />
    public Task<IDisposable?> TryAcquireAsync(TaskId task, CancellationToken cancellationToken) =>
        Task.FromResult<IDisposable?>(FileLock.TryAcquire(Path.Combine(layout.LocksRoot, "runs", task.Value + ".lock")));
}
