using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Git.Tests.Support;
using ClawClip.Processes;

namespace ClawClip.Git.Tests;

public sealed class GitWorktreesTests : IAsyncLifetime, IDisposable
{
    private static readonly TaskId Task1 = TaskId.Parse("T-0001");
    private readonly TempRepository repository = new();
    private readonly GitWorktrees worktrees;

    public GitWorktreesTests() => worktrees = new GitWorktrees(repository.Git, repository.Clones);

    public Task InitializeAsync() => TempRepository.CommitAsync(repository.Root, "README.md", "hello\n", "first", "t");

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task Ensure_CreatesACloneOnTheTaskBranch_OutsideThePersonsRepository()
    {
        var worktree = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);

        Assert.Equal("task/T-0001", worktree.Branch);
        Assert.Equal(Path.Combine(repository.Clones, "T-0001"), worktree.Path);
        Assert.Equal([Path.Combine(repository.Root, ".git", "objects")], worktree.Borrowed);
        Assert.Equal((await Git("rev-parse", "main")).Trim(), (await Git("rev-parse", "refs/clawclip/bases/T-0001")).Trim());
        Assert.True(File.Exists(Path.Combine(worktree.Path, "README.md")));
        Assert.Equal((await Git("rev-parse", "main")).Trim(), (await Git("rev-parse", "task/T-0001")).Trim());
        Assert.Equal(string.Empty, (await Git("status", "--porcelain")).Trim()); // invisible to the person's status
    }

    [Fact]
    public async Task WorkCommittedInTheClone_IsTakenBackOnRemoval_OntoTheTaskBranchOnly()
    {
        var worktree = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);
        var inWorktree = new GitCli(worktree.Path, new ProcessRunner());
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "new.txt"), "work\n");
        await inWorktree.OutputAsync(["add", "new.txt"], CancellationToken.None);
        await inWorktree.OutputAsync(["-c", "user.name=dev-1", "-c", "user.email=dev-1@agents.clawclip.invalid", "commit", "-q", "-m", "work"], CancellationToken.None);

        await worktrees.RemoveAsync(Task1, CancellationToken.None);

        Assert.False(Directory.Exists(worktree.Path));
        Assert.False(File.Exists(Path.Combine(repository.Root, "new.txt")));
        Assert.Equal("work", (await Git("log", "-1", "--format=%s", "task/T-0001")).Trim());
        Assert.Equal("first", (await Git("log", "-1", "--format=%s", "main")).Trim());
    }

    [Fact]
    public async Task Ensure_AfterTheFolderVanished_RecreatesItOnTheSameBranchWithTheWorkTakenBack()
    {
        var worktree = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);
        var inWorktree = new GitCli(worktree.Path, new ProcessRunner());
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "new.txt"), "work\n");
        await inWorktree.OutputAsync(["add", "new.txt"], CancellationToken.None);
        await inWorktree.OutputAsync(["-c", "user.name=d", "-c", "user.email=d@x.invalid", "commit", "-q", "-m", "work"], CancellationToken.None);
        Assert.IsType<TakeBackResult.TakenBack>(await worktrees.TakeBackAsync(Task1, CancellationToken.None));
        Directory.Delete(worktree.Path, recursive: true);

        var again = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);

        Assert.Equal(worktree.Path, again.Path);
        Assert.True(File.Exists(Path.Combine(again.Path, "new.txt")));
    }

    [Fact]
    public async Task Ensure_Twice_ReturnsTheSameWorktree()
    {
        var first = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(first.Path, "scratch.txt"), "uncommitted\n");

        var second = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);

        Assert.Equal(first, second);
        Assert.True(File.Exists(Path.Combine(second.Path, "scratch.txt")));
    }

    [Fact]
    public async Task DeleteBranch_RemovesTheTaskBranch_AndIsQuietWhenItIsGone()
    {
        await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);
        await worktrees.RemoveAsync(Task1, CancellationToken.None);

        await worktrees.DeleteBranchAsync(Task1, CancellationToken.None);
        await worktrees.DeleteBranchAsync(Task1, CancellationToken.None);

        Assert.Equal(string.Empty, (await Git("branch", "--list", "task/*")).Trim());
        Assert.Equal(string.Empty, (await Git("for-each-ref", "refs/clawclip/")).Trim());
    }

    [Fact]
    public async Task Restore_RevertsTrackedChangesAndRemovesUntrackedFiles_ButKeepsIgnoredOnes()
    {
        var worktree = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, ".gitignore"), "build/\n");
        var head = await worktrees.CommitAllAsync(worktree, new AgentIdentity("dev-1", "d@x.invalid"), "ignore build/", CancellationToken.None);

        // What a check run leaves: an edited tracked file, new files and folders, and an ignored cache.
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "README.md"), "rewritten by a check\n");
        Directory.CreateDirectory(Path.Combine(worktree.Path, "out"));
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "out", "marker.txt"), "made by a check\n");
        Directory.CreateDirectory(Path.Combine(worktree.Path, "__pycache__"));
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "__pycache__", "answer.cpython-312.pyc"), "bytecode");
        Directory.CreateDirectory(Path.Combine(worktree.Path, "build"));
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "build", "cache.bin"), "kept");

        await worktrees.RestoreAsync(worktree.Path, CancellationToken.None);

        Assert.Equal("hello\n", await File.ReadAllTextAsync(Path.Combine(worktree.Path, "README.md")));
        Assert.False(Directory.Exists(Path.Combine(worktree.Path, "out")));
        Assert.False(Directory.Exists(Path.Combine(worktree.Path, "__pycache__")));
        Assert.True(File.Exists(Path.Combine(worktree.Path, "build", "cache.bin")));
        Assert.Null(await worktrees.CommitAllAsync(worktree, new AgentIdentity("dev-1", "d@x.invalid"), "nothing left", CancellationToken.None));
        Assert.Equal(head, (await worktrees.DiffAsync(worktree, "main", CancellationToken.None)).Head);
    }

    [Fact]
    public async Task CommitAll_CommitsWhatTheAgentLeftAsItsAuthor_AndNothingWhenClean()
    {
        var worktree = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);
        Assert.Null(await worktrees.CommitAllAsync(worktree, new AgentIdentity("dev-1", "dev-1@agents.clawclip.invalid"), "nothing", CancellationToken.None));
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "left.txt"), "uncommitted\n");

        var commit = await worktrees.CommitAllAsync(worktree, new AgentIdentity("dev-1", "dev-1@agents.clawclip.invalid"), "what dev-1 left", CancellationToken.None);
        await worktrees.TakeBackAsync(Task1, CancellationToken.None);

        Assert.Equal(commit, (await Git("rev-parse", "task/T-0001")).Trim());
        Assert.Equal("dev-1 <dev-1@agents.clawclip.invalid>|what dev-1 left", (await Git("log", "-1", "--format=%an <%ae>|%s", "task/T-0001")).Trim());
    }

    [Fact]
    public async Task Diff_ShowsTheBranchsOwnChanges_NotWhatMainGainedSince()
    {
        var worktree = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "feature.txt"), "feature\n");
        await worktrees.CommitAllAsync(worktree, new AgentIdentity("dev-1", "d@x.invalid"), "feature", CancellationToken.None);
        await TempRepository.CommitAsync(repository.Root, "other.txt", "main moved\n", "main moves on", "t");

        var diff = await worktrees.DiffAsync(worktree, "main", CancellationToken.None);

        Assert.Equal(["feature.txt"], diff.Files);
        Assert.Contains("+feature", diff.Patch, StringComparison.Ordinal);
        Assert.DoesNotContain("other.txt", diff.Patch, StringComparison.Ordinal);
        Assert.False(diff.Truncated);
        Assert.Equal((await Git("rev-parse", "task/T-0001")).Trim(), diff.Head);
    }

    [Fact]
    public async Task MergeFrom_WithAConflict_LeavesTheMarkersForTheDev_AndCommitAllConcludesTheMerge()
    {
        var worktree = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "README.md"), "dev's words\n");
        var dev = new AgentIdentity("dev-1", "d@x.invalid");
        await worktrees.CommitAllAsync(worktree, dev, "dev edits", CancellationToken.None);
        await TempRepository.CommitAsync(repository.Root, "README.md", "a person's words\n", "person edits", "t");

        var conflicted = await worktrees.MergeFromAsync(worktree, "main", dev, CancellationToken.None);

        Assert.Equal(["README.md"], conflicted);
        Assert.Contains("<<<<<<<", await File.ReadAllTextAsync(Path.Combine(worktree.Path, "README.md")), StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(worktree.Path, "README.md"), "both\n");
        await worktrees.CommitAllAsync(worktree, dev, "resolve", CancellationToken.None);
        await worktrees.TakeBackAsync(Task1, CancellationToken.None);
        Assert.Equal(string.Empty, (await Git("merge-base", "--is-ancestor", "main", "task/T-0001")).Trim()); // main is in the branch now
        Assert.Equal(2, (await Git("log", "-1", "--format=%P", "task/T-0001")).Trim().Split(' ').Length);
    }

    [Fact]
    public async Task EnsureAndRemove_ForManyTasksAtOnce_AllSucceed_AndLeaveNoClone()
    {
        var ids = Enumerable.Range(1, 8).Select(n => TaskId.Parse($"T-{n:D4}")).ToList();
        var other = new GitWorktrees(repository.Git, repository.Clones); // a second instance on the same repository, like the merge queue's

        var created = await Task.WhenAll(ids.Select((id, i) => (i % 2 == 0 ? worktrees : other).EnsureAsync(id, "main", CancellationToken.None)));

        Assert.All(created, w => Assert.True(File.Exists(Path.Combine(w.Path, "README.md")), w.Path));
        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            var mine = i % 2 == 0 ? worktrees : other;
            await mine.RemoveAsync(id, CancellationToken.None);
            await mine.DeleteBranchAsync(id, CancellationToken.None);
        }));
        Assert.Equal(string.Empty, (await Git("branch", "--list", "task/*")).Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(repository.Clones));
        Assert.Single((await Git("worktree", "list", "--porcelain")).Split('\n'), l => l.StartsWith("worktree ", StringComparison.Ordinal));
    }

    private Task<string> Git(params string[] arguments) => repository.RunAsync(arguments);
}
