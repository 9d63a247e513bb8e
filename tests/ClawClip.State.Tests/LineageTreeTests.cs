using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests;

/// <summary>Each lineage commit's tree is the state right after exactly its own transition, nothing else.</summary>
public sealed class LineageTreeTests : IAsyncLifetime
{
    private TestRepository repository = null!;

    public async Task InitializeAsync() => repository = await TestRepository.CreateAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        repository.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EachCommit_HoldsTheTaskAsOfItsOwnEvent_AndOnlyItsOwnPathsChange()
    {
        var store = repository.Store;
        var dev = AgentId.Parse("dev-1");
        var first = await store.SubmitAsync(new TaskDefinition("first", "spec", [], 50, [], null, [], 3), Actor.Human, "one", CancellationToken.None);
        await store.SubmitAsync(new TaskDefinition("second", "spec", [], 40, [], null, [], 3), Actor.Human, "two", CancellationToken.None);
        await store.ClaimNextAsync(new ClaimRequest(dev, new HashSet<string>(), Tier.Intern), CancellationToken.None);
        repository.Clock.Advance(TimeSpan.FromMinutes(5));
        await store.TransitionAsync(new TransitionRequest(first.Id, TaskState.Running, Actor.Agent(dev, Tier.Intern), "started", "dev.start"), CancellationToken.None);

        var git = new GitCli(repository.Root, new ProcessRunner());
        var commits = (await git.OutputAsync(["rev-list", "--reverse", "clawclip/state"], CancellationToken.None)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, commits.Length); // readme, two submissions, claim, running

        var final = (await store.FindAsync(first.Id, CancellationToken.None))!;
        await AssertTaskAtAsync(git, commits[1], "tasks/backlog/00/T-0001.json", final.AsOf(1));
        await AssertTaskAtAsync(git, commits[3], "tasks/claimed/00/T-0001.json", final.AsOf(2));
        await AssertTaskAtAsync(git, commits[4], "tasks/running/00/T-0001.json", final.AsOf(3));

        Assert.Equal(["A\ttasks/backlog/00/T-0002.json"], await ChangesAsync(git, commits[2]));
        Assert.Equal(
            ["A\tagents/dev-1/current-task.json", "A\ttasks/claimed/00/T-0001.json", "D\ttasks/backlog/00/T-0001.json"],
            (await ChangesAsync(git, commits[3])).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["A\ttasks/running/00/T-0001.json", "D\ttasks/claimed/00/T-0001.json", "M\tagents/dev-1/current-task.json"],
            (await ChangesAsync(git, commits[4])).Order(StringComparer.Ordinal));
    }

    private static async Task AssertTaskAtAsync(GitCli git, string commit, string path, TaskRecord expected)
    {
        var content = await git.OutputAsync(["cat-file", "blob", $"{commit}:{path}"], CancellationToken.None);
        Assert.Equal(Encoding.UTF8.GetString(TaskFile.Serialize(expected)), content);
    }

    private static async Task<string[]> ChangesAsync(GitCli git, string commit) =>
        (await git.OutputAsync(["diff-tree", "--no-commit-id", "-r", "--name-status", "--no-renames", commit], CancellationToken.None))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
