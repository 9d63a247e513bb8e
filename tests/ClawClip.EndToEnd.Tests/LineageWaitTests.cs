using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.State;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// The flush's promise when another process holds the lineage lock: a real worker process stopped dead inside its
/// flush, holding the lock, while this process makes a decision of its own.
/// </summary>
public sealed class LineageWaitTests
{
    [Fact]
    public async Task Flush_WhenAnotherProcessHoldsTheLock_SaysItLeftTheRecordsToIt_AndFlushAndWaitReturnsOnlyOnceTheyAreCommitted()
    {
        using var repository = new TempGitRepository();
        var store = await Stores.InitializedWithTasksAsync(repository, tasks: 2);
        using var holder = await StartHolderAsync(repository);
        try
        {
            await store.TransitionAsync(new TransitionRequest(TaskId.Parse("T-0002"), TaskState.Canceled, Actor.Human, "not needed after all", "intake.cancel"), CancellationToken.None);

            var flushed = await store.FlushLineageAsync(CancellationToken.None);
            Assert.Equal(new FlushResult(0, LeftToHolder: true), flushed);

            var wait = store.FlushAndWaitAsync(CancellationToken.None);
            Assert.False(wait.IsCompleted); // the holder cannot commit: it is stopped
            Assert.DoesNotContain("T-0002 backlog → canceled", repository.Git("log", "clawclip/state", "--format=%s"), StringComparison.Ordinal);

            holder.Kill(); // the kernel lets go of its lock; the waiting flush takes it and commits
            await wait;
            Assert.Contains("T-0002 backlog → canceled", repository.Git("log", "clawclip/state", "--format=%s").Split('\n'));
            Assert.False(store.HasPendingLineage());
        }
        finally
        {
            StopHolder(holder);
        }
    }

    [Fact]
    public async Task FlushAndWait_WhenTheHolderNeverCommits_GivesUpAfterTheLockTimeout_NamingTheLock()
    {
        using var repository = new TempGitRepository();
        await Stores.InitializedWithTasksAsync(repository, tasks: 2);
        var store = Stores.Open(repository, options: new StateStoreOptions { FlushAfterEachChange = false, LockTimeout = TimeSpan.FromSeconds(1) });
        using var holder = await StartHolderAsync(repository);
        try
        {
            await store.TransitionAsync(new TransitionRequest(TaskId.Parse("T-0002"), TaskState.Canceled, Actor.Human, "not needed after all", "intake.cancel"), CancellationToken.None);

            var e = await Assert.ThrowsAsync<TimeoutException>(() => store.FlushAndWaitAsync(CancellationToken.None));

            Assert.Contains("state/locks/lineage.lock", e.Message, StringComparison.Ordinal);
            Assert.Contains("2 lineage record(s) in state/pending", e.Message, StringComparison.Ordinal);
            Assert.True(store.HasPendingLineage()); // nothing lost: the records (ours, and the stopped holder's claim) wait for whoever flushes next
        }
        finally
        {
            StopHolder(holder);
        }
    }

    // A worker claims T-0001 and stops dead just before its lineage commit, holding the lineage lock.
    private static async Task<System.Diagnostics.Process> StartHolderAsync(TempGitRepository repository)
    {
        var marker = Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + ".holding");
        var worker = DotnetProgram.Start("ClawClip.TestWorker", ["crash", repository.Root, "dev-1", nameof(TransitionStep.BeforeLineageCommit), marker]);
        worker.StandardInput.Close();
        await Eventually.TrueAsync(() => File.Exists(marker) || worker.HasExited, TimeSpan.FromSeconds(60), "the worker to hold the lineage lock");
        Assert.False(worker.HasExited, "the worker ended before it held the lineage lock");
        File.Delete(marker);
        return worker;
    }

    private static void StopHolder(System.Diagnostics.Process holder)
    {
        if (!holder.HasExited)
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }
}
