using System.Collections.Concurrent;

namespace ClawClip.Git;

/// <summary>
/// One at a time, per repository, for the git commands that change the list of worktrees or delete branches
/// (<c>worktree add</c>, <c>remove</c>, <c>prune</c>, <c>branch -D</c>). Run side by side in one repository,
/// <c>git worktree add</c> reads the other worktrees' admin folders while another add is still writing its own,
/// and fails ("failed to read .git/worktrees/…/commondir"); several agents now start at once, so the task
/// worktrees and the merge queue's workspace take this gate first. It is per process: claw.clip runs one daemon
/// per repository, and that daemon is the one that runs agents side by side.
/// </summary>
internal static class WorktreeGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the gate of the repository at <paramref name="repositoryRoot"/>; disposing the result lets it go.</summary>
    public static async Task<IDisposable> EnterAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(Path.GetFullPath(repositoryRoot), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
