using ClawClip.Core.Agents;
using ClawClip.Core.Merging;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

namespace ClawClip.EndToEnd.Tests;

public sealed class MergeQueueTests : IDisposable
{
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private readonly TempGitRepository repository = new();

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task Queue_LandsAPassingTask_AndSendsAFailingOneBackToItsDevWithTheOutput_InLineage()
    {
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "README.md"), "project\n");
        repository.Git("add", "README.md");
        repository.Git("commit", "-q", "-m", "readme");
        var store = await Stores.InitializedWithTasksAsync(repository, tasks: 2);
        var git = new GitCli(repository.Root, new ProcessRunner());
        var worktrees = new GitWorktrees(git, repository.Clones);

        // Both tasks go through claim → running → review → merging with work on their branches.
        foreach (var (id, file) in new[] { ("T-0001", "good.txt"), ("T-0002", "bad.txt") })
        {
            var task = TaskId.Parse(id);
            Assert.IsType<ClaimResult.Claimed>(await store.TryClaimAsync(task, new ClaimRequest(Dev, new HashSet<string>(), Tier.Junior), CancellationToken.None));
            var worktree = await worktrees.EnsureAsync(task, "main", CancellationToken.None);
            await File.WriteAllTextAsync(Path.Combine(worktree.Path, file), "work\n");
            var inWorktree = new GitCli(worktree.Path, new ProcessRunner());
            await inWorktree.OutputAsync(["add", file], CancellationToken.None);
            await inWorktree.OutputAsync(["-c", "user.name=dev-1", "-c", "user.email=dev-1@agents.clawclip.invalid", "commit", "-q", "-m", $"add {file}"], CancellationToken.None);
            await worktrees.RemoveAsync(task, CancellationToken.None);
            foreach (var to in new[] { TaskState.Running, TaskState.Review, TaskState.Merging })
            {
                await store.TransitionAsync(new TransitionRequest(task, to, Actor.Agent(Dev, Tier.Junior), "moving on", "test"), CancellationToken.None);
            }
        }

        await store.FlushLineageAsync(CancellationToken.None);
        repository.Git("checkout", "-q", "--detach");
        var mainBefore = repository.Git("rev-parse", "main").Trim();
        var gate = new List<IReadOnlyList<string>> { new[] { "/bin/sh", "-c", "if [ -f bad.txt ]; then echo 'test BadFile failed' >&2; exit 1; fi" } };
        var queue = new MergeQueue(store, new GitMerger(git, new ProcessRunner(), new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, repository.Homes), new FileMergeLock(store.Layout), new MergeSettings("main", gate, TimeSpan.FromSeconds(30)), new TaskSettlement(store, worktrees, TrustRules.Default));

        var results = await queue.RunOnceAsync(CancellationToken.None);
        await store.FlushLineageAsync(CancellationToken.None);

        Assert.Equal(["T-0001", "T-0002"], results.Select(r => r.Task.Value)); // oldest approval first
        Assert.Equal(TaskState.Done, (await store.FindAsync(TaskId.Parse("T-0001"), CancellationToken.None))!.Status);
        var bounced = (await store.FindAsync(TaskId.Parse("T-0002"), CancellationToken.None))!;
        Assert.Equal(TaskState.Running, bounced.Status);
        Assert.Equal("dev-1", bounced.Holder);
        Assert.Contains("test BadFile failed", bounced.History[^1].Reason, StringComparison.Ordinal);

        Assert.Equal(["add good.txt", "readme", "initial"], repository.Git("log", "--format=%s", "main").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.NotEqual(mainBefore, repository.Git("rev-parse", "main").Trim());
        // The queue settles what it lands: the dev's success is in the lineage too, between the two moves.
        var lineage = repository.Git("log", "clawclip/state", "-n", "3", "--format=%s|%(trailers:key=Policy,valueonly,separator=)").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["T-0002 merging → running|merge.gate-failed", "dev-1 succeeded at T-0001|trust.outcome", "T-0001 merging → done|merge.gate-passed"], lineage);
        Assert.Empty(repository.Git("branch", "--list", "task/T-0001").Trim());
    }

    [Fact]
    public async Task Queue_ABranchThatAddsNothing_IsNotLanded_AndGoesBackToItsDev()
    {
        var store = await Stores.InitializedWithTasksAsync(repository, tasks: 1);
        var git = new GitCli(repository.Root, new ProcessRunner());
        var worktrees = new GitWorktrees(git, repository.Clones);
        var task = TaskId.Parse("T-0001");
        Assert.IsType<ClaimResult.Claimed>(await store.TryClaimAsync(task, new ClaimRequest(Dev, new HashSet<string>(), Tier.Junior), CancellationToken.None));
        await worktrees.EnsureAsync(task, "main", CancellationToken.None); // the branch, with no commit of its own
        await worktrees.RemoveAsync(task, CancellationToken.None);
        foreach (var to in new[] { TaskState.Running, TaskState.Review, TaskState.Merging })
        {
            await store.TransitionAsync(new TransitionRequest(task, to, Actor.Agent(Dev, Tier.Junior), "moving on", "test"), CancellationToken.None);
        }

        await store.FlushLineageAsync(CancellationToken.None);
        repository.Git("checkout", "-q", "--detach");
        var mainBefore = repository.Git("rev-parse", "main").Trim();
        var queue = new MergeQueue(store, new GitMerger(git, new ProcessRunner(), new Dictionary<string, string>(), repository.Homes), new FileMergeLock(store.Layout), new MergeSettings("main", [], TimeSpan.FromSeconds(30)), new TaskSettlement(store, worktrees, TrustRules.Default));

        var results = await queue.RunOnceAsync(CancellationToken.None);
        await store.FlushLineageAsync(CancellationToken.None);

        Assert.IsType<MergeOutcome.NothingToLand>(Assert.Single(results).Outcome);
        var bounced = (await store.FindAsync(task, CancellationToken.None))!;
        Assert.Equal(TaskState.Running, bounced.Status);
        Assert.Contains("adds nothing", bounced.History[^1].Reason, StringComparison.Ordinal);
        Assert.Null(bounced.History[^1].Commit);
        Assert.Equal(mainBefore, repository.Git("rev-parse", "main").Trim());
        Assert.Equal("T-0001 merging → running|merge.nothing-to-land", repository.Git("log", "clawclip/state", "-n", "1", "--format=%s|%(trailers:key=Policy,valueonly,separator=)").Trim());
    }

    [Fact]
    public async Task Queue_WhileAnotherProcessMerges_DoesNothing()
    {
        var store = await Stores.InitializedWithTasksAsync(repository, tasks: 1);
        var mergeLock = new FileMergeLock(store.Layout);
        using var held = await mergeLock.TryAcquireAsync(CancellationToken.None);
        var queue = new MergeQueue(store, new GitMerger(new GitCli(repository.Root, new ProcessRunner()), new ProcessRunner(), new Dictionary<string, string>(), repository.Homes), mergeLock, new MergeSettings("main", [], TimeSpan.FromSeconds(5)), new TaskSettlement(store, new GitWorktrees(new GitCli(repository.Root, new ProcessRunner()), repository.Clones), TrustRules.Default));

        Assert.Empty(await queue.RunOnceAsync(CancellationToken.None));
    }
}
