using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.State;

namespace ClawClip.EndToEnd.Tests;

public sealed class CrashRecoveryTests
{
    public static TheoryData<TransitionStep> Steps => [.. Enum.GetValues<TransitionStep>()];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Claim_KilledWithSigkillAtEachStep_IsRolledBackOrForwardAndLeavesNothingHalfDone(TransitionStep step)
    {
        using var repository = new TempGitRepository();
        await Stores.InitializedWithTasksAsync(repository, tasks: 3);
        var layout = new StateLayout(repository.Root);
        var marker = Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + ".reached");

        // A real process claims T-0001 and stops dead at the step; SIGKILL it there.
        using (var worker = DotnetProgram.Start("ClawClip.TestWorker", ["crash", repository.Root, "dev-1", step.ToString(), marker]))
        {
            worker.StandardInput.Close();
            await Eventually.TrueAsync(() => File.Exists(marker) || worker.HasExited, TimeSpan.FromSeconds(60), $"the worker to reach {step}");
            if (worker.HasExited)
            {
                Assert.Fail($"the worker ended before {step}: {await worker.StandardError.ReadToEndAsync()}");
            }

            worker.Kill(); // SIGKILL on Linux and macOS
            await worker.WaitForExitAsync();
        }

        File.Delete(marker);

        // Restart: a new process opens the store and recovers.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var store = Stores.Open(repository, clock);
        await store.RecoverAsync(CancellationToken.None);

        var tookEffect = step >= TransitionStep.AfterTaskFile;
        var folders = StateTree.FoldersByTask(layout);
        Assert.Equal(["T-0001", "T-0002", "T-0003"], folders.Keys.Order());
        Assert.All(folders, f => Assert.Single(f.Value));
        Assert.Equal(tookEffect ? TaskState.Claimed : TaskState.Backlog, folders["T-0001"][0]);
        Assert.Empty(Directory.EnumerateFiles(layout.Root, ".*.tmp", SearchOption.AllDirectories));
        Assert.DoesNotContain(Directory.EnumerateFiles(layout.PendingRoot), f => f.EndsWith(".json", StringComparison.Ordinal));

        var task = await store.FindAsync(TaskId.Parse("T-0001"), CancellationToken.None);
        var current = await store.ReadCurrentTaskAsync(AgentId.Parse("dev-1"), CancellationToken.None);
        if (tookEffect)
        {
            Assert.Equal("dev-1", task!.Holder);
            Assert.NotNull(task.Lease);
            Assert.Equal(task.Id, current.Task); // completed by recovery if the worker died before writing it
        }
        else
        {
            Assert.Null(task!.Holder);
            Assert.Null(current.Task);
        }

        await AssertBranchMatchesFilesAsync(repository, layout);
        var claimCommits = repository.Git("log", "clawclip/state", "--format=%s").Split('\n').Count(s => s == "T-0001 backlog → claimed");
        Assert.Equal(tookEffect ? 1 : 0, claimCommits);

        // No claim outlives its lease: once it has expired, the reaper takes the task back.
        clock.Advance(Tier.Intern.LeaseLength() + TimeSpan.FromMinutes(1));
        var reaped = await store.ReapAsync(CancellationToken.None);
        Assert.Equal(tookEffect ? [TaskId.Parse("T-0001")] : [], reaped.Requeued);
        Assert.All(await store.ListAsync(CancellationToken.None), t => Assert.Equal(TaskState.Backlog, t.Status));
        Assert.Null((await store.ReadCurrentTaskAsync(AgentId.Parse("dev-1"), CancellationToken.None)).Task);
        await AssertBranchMatchesFilesAsync(repository, layout);
    }

    private static async Task AssertBranchMatchesFilesAsync(TempGitRepository repository, StateLayout layout)
    {
        var branch = Stores.Branch(repository);
        var tip = await branch.TipAsync(CancellationToken.None);
        var onBranch = await branch.ListFilesAsync(tip!, CancellationToken.None);
        var onDisk = StateTree.BlobIds(layout);
        Assert.Equal(onDisk.OrderBy(p => p.Key, StringComparer.Ordinal), onBranch.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
