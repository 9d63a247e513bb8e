using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Escalation.Support;

/// <summary>Run locks the test marks as held (an agent running the task now); every other one is free.</summary>
internal sealed class HeldRunLocks : ITaskRunLock
{
    public HashSet<TaskId> Held { get; } = [];

    public Task<IDisposable?> TryAcquireAsync(TaskId task, CancellationToken cancellationToken) =>
        Task.FromResult<IDisposable?>(Held.Contains(task) ? null : new Released());

    private sealed class Released : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
