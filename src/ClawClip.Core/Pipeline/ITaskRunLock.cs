using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// Held while an agent works on a task, across every process: a task is never run by two at once, and a
/// held task whose lock is free has nobody working on it (its runner died) and may be taken up again.
/// </summary>
public interface ITaskRunLock
{
    /// <summary>The lock, or null when another process is working on <paramref name="task"/>.</summary>
    Task<IDisposable?> TryAcquireAsync(TaskId task, CancellationToken cancellationToken);
}
