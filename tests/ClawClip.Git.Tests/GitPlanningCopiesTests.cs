using ClawClip.Core.Goals;
using ClawClip.Git.Tests.Support;
using ClawClip.Processes;

namespace ClawClip.Git.Tests;

public sealed class GitPlanningCopiesTests : IAsyncLifetime, IDisposable
{
    private static readonly GoalId Goal = GoalId.Parse("G-3f9a2c1b");
    private readonly TempRepository repository = new();
    private GitPlanningCopies copies = null!;

    public async Task InitializeAsync()
    {
        await TempRepository.CommitAsync(repository.Root, "README.md", "at the goal's commit\n", "first", "person");
        copies = new GitPlanningCopies(repository.Git, Path.Combine(repository.Clones, "planning"), "main");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task Prepare_ChecksOutTheGoalsCommit_InACopyOfItsOwn_AndRemoveDeletesIt()
    {
        var commit = (await repository.RunAsync("rev-parse", "main")).Trim();
        await TempRepository.CommitAsync(repository.Root, "README.md", "later\n", "second", "person");

        var copy = await copies.PrepareAsync(Goal, commit, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(copy.Path, "scribble.txt"), "the planner's\n");
        var inCopy = new GitCli(copy.Path, new ProcessRunner());

        Assert.StartsWith(Path.Combine(repository.Clones, "planning"), copy.Path, StringComparison.Ordinal);
        Assert.Equal("at the goal's commit\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "README.md")));
        Assert.Equal("first", (await inCopy.OutputAsync(["log", "-1", "--format=%s", "main"], CancellationToken.None)).Trim());
        Assert.Equal("refs/heads/main", (await inCopy.OutputAsync(["for-each-ref", "--format=%(refname)"], CancellationToken.None)).Trim());
        Assert.Equal([Path.Combine(repository.Root, ".git", "objects")], copy.Borrowed);
        Assert.False(File.Exists(Path.Combine(repository.Root, "scribble.txt")));

        await copies.RemoveAsync(Goal, CancellationToken.None);

        Assert.False(Directory.Exists(copy.Path));
    }
}
