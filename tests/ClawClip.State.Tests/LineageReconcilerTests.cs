using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests;

public sealed class LineageReconcilerTests : IAsyncLifetime
{
    private TestRepository repository = null!;

    public async Task InitializeAsync() => repository = await TestRepository.CreateAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        repository.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Recover_WhenAPowerCutLostTheRecords_CommitsEachMissingTransitionWithItsOwnReason()
    {
        var git = new GitCli(repository.Root, new ProcessRunner());
        var deferred = new FileStateStore(repository.Layout, new GitLineageBranch(git), repository.Clock, new StateStoreOptions { FlushAfterEachChange = false });
        var task = await deferred.SubmitAsync(new TaskDefinition("work", "spec", [], 50, [], null, [], 3), Actor.Human, "seeded", CancellationToken.None);
        await deferred.FlushLineageAsync(CancellationToken.None);
        var dev = AgentId.Parse("dev-1");
        await deferred.ClaimNextAsync(new ClaimRequest(dev, new HashSet<string>(), Tier.Intern), CancellationToken.None);
        repository.Clock.Advance(TimeSpan.FromMinutes(1));
        await deferred.TransitionAsync(new TransitionRequest(task.Id, TaskState.Running, Actor.Agent(dev, Tier.Intern), "worktree ready", "dev.start"), CancellationToken.None);

        // The power cut: the task files were fsynced, the records in pending/ were not.
        foreach (var record in Directory.EnumerateFiles(repository.Layout.PendingRoot, "*.json"))
        {
            File.Delete(record);
        }

        var repairs = await repository.Store.RecoverAsync(CancellationToken.None);

        Assert.Contains(repairs, r => r.Contains("lineage commit(s) for changes the branch lacked", StringComparison.Ordinal));
        var log = (await git.OutputAsync(["log", "clawclip/state", "-n", "3", "--format=%an|%s|%b"], CancellationToken.None)).Replace("\n\n", "\n", StringComparison.Ordinal);
        Assert.Contains("dev-1|T-0001 claimed → running|worktree ready", log, StringComparison.Ordinal);
        Assert.Contains("dev-1|T-0001 backlog → claimed|", log, StringComparison.Ordinal);

        var branch = new GitLineageBranch(git);
        var tree = await branch.ListFilesAsync((await branch.TipAsync(CancellationToken.None))!, CancellationToken.None);
        Assert.Contains("tasks/running/00/T-0001.json", tree.Keys);
        Assert.DoesNotContain("tasks/backlog/00/T-0001.json", tree.Keys);
        Assert.Contains("agents/dev-1/current-task.json", tree.Keys);
        Assert.Equal(
            await File.ReadAllTextAsync(repository.Layout.TaskPath(TaskState.Running, task.Id)),
            await branch.ReadFileAsync((await branch.TipAsync(CancellationToken.None))!, "tasks/running/00/T-0001.json", CancellationToken.None));

        // A second start-up finds nothing left to do.
        Assert.Empty(await repository.Store.RecoverAsync(CancellationToken.None));
    }
}
