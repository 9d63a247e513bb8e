using ClawClip.Core.Merging;
using ClawClip.Core.Protection;
using ClawClip.Core.Tasks;
using ClawClip.Git.Tests.Support;
using ClawClip.Processes;

namespace ClawClip.Git.Tests;

public sealed class GitMergerTests : IAsyncLifetime, IDisposable
{
    private static readonly TaskId Task1 = TaskId.Parse("T-0001");
    private static readonly LandingRules Unprotected = new(ProtectedPaths.Default, PersonApproved: false);
    private static readonly IReadOnlyList<string> BothFilesThere = ["/bin/sh", "-c", "test -f main.txt && test -f task.txt"];
    private readonly TempRepository repository = new();
    private readonly string root;
    private readonly GitCli git;
    private GitMerger merger = null!;

    public GitMergerTests() => (root, git) = (repository.Root, repository.Git);

    public async Task InitializeAsync()
    {
        await CommitAsync(root, "README.md", "line one\n", "first", "person");

        // The task's branch gets a commit by its agent; meanwhile main moves on.
        var worktree = await new GitWorktrees(git, repository.Clones).EnsureAsync(Task1, "main", CancellationToken.None);
        await CommitAsync(worktree.Path, "task.txt", "work\n", "add task.txt", "dev-1");
        await new GitWorktrees(git, repository.Clones).RemoveAsync(Task1, CancellationToken.None);
        await CommitAsync(root, "main.txt", "meanwhile\n", "main moved on", "person");

        merger = new GitMerger(git, new ProcessRunner(), new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, Path.Combine(repository.Homes, "gate"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task Merge_RebasesTheTaskOnMain_AndFastForwardsWhenTheGatePasses()
    {
        await Git("checkout", "-q", "--detach"); // the person is not on main: main moves by compare-and-swap

        var outcome = await merger.MergeAsync(Task1, "main", [BothFilesThere], TimeSpan.FromSeconds(30), Unprotected, CancellationToken.None);

        var merged = Assert.IsType<MergeOutcome.Merged>(outcome);
        Assert.Equal(merged.Commit, (await Git("rev-parse", "main")).Trim());
        Assert.Equal(["add task.txt", "main moved on", "first"], (await Git("log", "--format=%s", "main")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(string.Empty, (await Git("rev-list", "--merges", "main")).Trim());
        Assert.Equal("dev-1|claw.clip", (await Git("log", "-1", "--format=%an|%cn", "main")).Trim());
        Assert.Equal(merged.Commit, (await Git("rev-parse", "task/T-0001")).Trim());
    }

    [Fact]
    public async Task Merge_WhenThePersonHasMainCheckedOut_FastForwardsTheirCheckoutToo()
    {
        var outcome = await merger.MergeAsync(Task1, "main", [BothFilesThere], TimeSpan.FromSeconds(30), Unprotected, CancellationToken.None);

        Assert.IsType<MergeOutcome.Merged>(outcome);
        Assert.True(File.Exists(Path.Combine(root, "task.txt")));
        Assert.Equal(string.Empty, (await Git("status", "--porcelain")).Trim());
    }

    [Fact]
    public async Task Merge_WhenTheCheckoutHasAFileInTheWay_RefusesAndLeavesMainAsItWas()
    {
        var before = (await Git("rev-parse", "main")).Trim();
        await File.WriteAllTextAsync(Path.Combine(root, "task.txt"), "the person's own file\n");

        var outcome = await merger.MergeAsync(Task1, "main", [BothFilesThere], TimeSpan.FromSeconds(30), Unprotected, CancellationToken.None);

        Assert.IsType<MergeOutcome.TargetBusy>(outcome);
        Assert.Equal(before, (await Git("rev-parse", "main")).Trim());
        Assert.Equal("the person's own file\n", await File.ReadAllTextAsync(Path.Combine(root, "task.txt")));
    }

    [Fact]
    public async Task Merge_WithAFailingGate_LeavesMainUnchanged_AndReturnsTheOutput()
    {
        var before = (await Git("rev-parse", "main")).Trim();

        var outcome = await merger.MergeAsync(Task1, "main", [BothFilesThere, ["/bin/sh", "-c", "echo 3 tests failed >&2; exit 3"]], TimeSpan.FromSeconds(30), Unprotected, CancellationToken.None);

        var failed = Assert.IsType<MergeOutcome.GateFailed>(outcome);
        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("3 tests failed", failed.Output, StringComparison.Ordinal);
        Assert.Equal(before, (await Git("rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task Merge_WithAGateThatHangs_KillsItAtTheTimeout_AndLeavesMainUnchanged()
    {
        var before = (await Git("rev-parse", "main")).Trim();

        var outcome = await merger.MergeAsync(Task1, "main", [["/bin/sh", "-c", "sleep 300"]], TimeSpan.FromSeconds(1), Unprotected, CancellationToken.None);

        Assert.Contains("timed out", Assert.IsType<MergeOutcome.GateFailed>(outcome).Output, StringComparison.Ordinal);
        Assert.Equal(before, (await Git("rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task Merge_WhenTheTaskConflictsWithMain_ReturnsTheFiles_AndChangesNoBranch()
    {
        var worktree = await new GitWorktrees(git, repository.Clones).EnsureAsync(TaskId.Parse("T-0002"), "main~1", CancellationToken.None);
        await CommitAsync(worktree.Path, "main.txt", "the task's version\n", "edit main.txt", "dev-2");
        await new GitWorktrees(git, repository.Clones).RemoveAsync(TaskId.Parse("T-0002"), CancellationToken.None);
        var (main, branch) = ((await Git("rev-parse", "main")).Trim(), (await Git("rev-parse", "task/T-0002")).Trim());

        var outcome = await merger.MergeAsync(TaskId.Parse("T-0002"), "main", [BothFilesThere], TimeSpan.FromSeconds(30), Unprotected, CancellationToken.None);

        Assert.Equal(["main.txt"], Assert.IsType<MergeOutcome.Conflict>(outcome).Files);
        Assert.Equal(main, (await Git("rev-parse", "main")).Trim());
        Assert.Equal(branch, (await Git("rev-parse", "task/T-0002")).Trim());
        Assert.Equal(string.Empty, (await Git("status", "--porcelain")).Trim());
    }

    [Fact]
    public async Task Merge_OfABranchThatAddsNothing_LandsNothing_AndLeavesMainWhereItWas()
    {
        var nothing = TaskId.Parse("T-0003");
        await new GitWorktrees(git, repository.Clones).EnsureAsync(nothing, "main", CancellationToken.None); // a branch with no commit of its own
        await new GitWorktrees(git, repository.Clones).RemoveAsync(nothing, CancellationToken.None);
        await Git("checkout", "-q", "--detach");
        var before = (await Git("rev-parse", "main")).Trim();

        var outcome = await merger.MergeAsync(nothing, "main", [BothFilesThere], TimeSpan.FromSeconds(30), Unprotected, CancellationToken.None);

        Assert.Equal(new MergeOutcome.NothingToLand(before), outcome);
        Assert.Equal(before, (await Git("rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task Merge_OfABranchWhoseChangeMainAlreadyHas_LandsNothing()
    {
        // Someone put the task's very change on main meanwhile: rebased, the branch's commit is empty and dropped.
        await CommitAsync(root, "task.txt", "work\n", "the same change, by a person", "person");
        await Git("checkout", "-q", "--detach");
        var before = (await Git("rev-parse", "main")).Trim();

        var outcome = await merger.MergeAsync(Task1, "main", [], TimeSpan.FromSeconds(30), Unprotected, CancellationToken.None);

        Assert.IsType<MergeOutcome.NothingToLand>(outcome);
        Assert.Equal(before, (await Git("rev-parse", "main")).Trim());
        Assert.Equal(["the same change, by a person", "main moved on", "first"], (await Git("log", "--format=%s", "main")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Merge_RunsTheGateConfined_ItsOwnHome_TheCheckoutReadable_TheRepositorysConfigAndFilesOutOfReach()
    {
        await Git("checkout", "-q", "--detach");
        var config = await File.ReadAllTextAsync(Path.Combine(root, ".git", "config"));
        var gateHome = Path.Combine(repository.Homes, "gate");
        var attack = $"echo '[core]hooksPath=/tmp' >> {root}/.git/config; echo planted > {root}/planted.txt; true";
        IReadOnlyList<string> gate = ["/bin/sh", "-c", $"test ! -e {root}/.git/config && {attack}; test \"$HOME\" = {gateHome} && git rev-parse HEAD && test -f task.txt"];

        var outcome = await merger.MergeAsync(Task1, "main", [gate], TimeSpan.FromSeconds(30), Unprotected, CancellationToken.None);

        Assert.True(outcome is MergeOutcome.Merged, outcome.ToString());
        Assert.Equal(config, await File.ReadAllTextAsync(Path.Combine(root, ".git", "config")));
        Assert.False(File.Exists(Path.Combine(root, "planted.txt")));

        // The same commands, unconfined, reach the repository: the sandbox, not the script, kept it out.
        await new ProcessRunner().RunAsync(ProcessSpec.Create("/bin/sh", "-c", attack) with { Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" } }, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(root, "planted.txt")));
    }

    private static Task CommitAsync(string folder, string file, string content, string message, string author) =>
        TempRepository.CommitAsync(folder, file, content, message, author);

    private Task<string> Git(params string[] arguments) => git.OutputAsync(arguments, CancellationToken.None);
}
