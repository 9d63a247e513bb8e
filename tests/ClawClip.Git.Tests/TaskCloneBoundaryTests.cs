using System.Security.Cryptography;
using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Git.Tests.Support;
using ClawClip.Processes;

namespace ClawClip.Git.Tests;

/// <summary>
/// Attacks from inside a task's clone, by a scripted agent: each move is made, and what it must not change in the
/// repository (its config, its hooks, every ref but the task's own) is hashed before and after. Where a move is
/// refused, a test shows the same path open to an honest move, so these tests can fail.
/// </summary>
public sealed class TaskCloneBoundaryTests : IAsyncLifetime, IDisposable
{
    private static readonly TaskId Task1 = TaskId.Parse("T-0001");
    private static readonly AgentIdentity Dev = new("dev-1", "dev-1@agents.clawclip.invalid");
    private readonly TempRepository repository = new();
    private readonly string canary = Directory.CreateTempSubdirectory("clawclip-canary-").FullName;
    private readonly GitWorktrees worktrees;
    private Worktree clone = null!;

    public TaskCloneBoundaryTests() => worktrees = new GitWorktrees(repository.Git, repository.Clones);

    public async Task InitializeAsync()
    {
        await TempRepository.CommitAsync(repository.Root, "README.md", "hello\n", "first", "person");
        await Git("config", "clawclip.canary", "the person's");
        clone = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        repository.Dispose();
        Directory.Delete(canary, recursive: true);
    }

    [Fact]
    public async Task TheClone_SharesNoRefsConfigOrHooksWithTheRepository_OnlyItsObjects()
    {
        var dotGit = Path.Combine(clone.Path, ".git");

        Assert.True(Directory.Exists(dotGit)); // a repository of its own, not a worktree's pointer file
        Assert.Equal("refs/heads/task/T-0001", (await InClone("for-each-ref", "--format=%(refname)")).Trim());
        Assert.False(Directory.Exists(Path.Combine(dotGit, "hooks")));
        Assert.Equal(string.Empty, (await InCloneRun("config", "--get", "clawclip.canary")).StandardOutput);
        Assert.Equal([Path.Combine(repository.Root, ".git", "objects")], await File.ReadAllLinesAsync(Path.Combine(dotGit, "objects", "info", "alternates")));
        Assert.DoesNotContain(repository.Root, await File.ReadAllTextAsync(Path.Combine(dotGit, "config")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakeBack_MovesOnlyTheTaskBranch_WhateverElseTheAgentMovedInItsClone()
    {
        var before = await RepositoryFingerprintAsync();
        await AgentAsync("""
            echo work > work.txt && git add work.txt && git -c user.name=a -c user.email=a@x.invalid commit -qm work
            orphan=$(git -c user.name=a -c user.email=a@x.invalid commit-tree -m forged $(git mktree </dev/null))
            git update-ref refs/heads/main "$orphan"
            git update-ref refs/heads/clawclip/state "$orphan"
            git update-ref refs/heads/task/T-0002 "$orphan"
            git tag -f v1 "$orphan"
            """);
        var head = (await InClone("rev-parse", "HEAD")).Trim();

        var taken = await worktrees.TakeBackAsync(Task1, CancellationToken.None);

        Assert.Equal(new TakeBackResult.TakenBack(head), taken);
        Assert.Equal(head, (await Git("rev-parse", "task/T-0001")).Trim());
        Assert.Equal(before, await RepositoryFingerprintAsync());
        Assert.NotEqual((await Git("rev-parse", "main")).Trim(), (await InClone("rev-parse", "main")).Trim()); // the move was made, in the clone
    }

    [Fact]
    public async Task TakeBack_OfAHeadThatDoesNotDescendFromTheBase_IsRefused_AndTheBranchStays()
    {
        var branch = (await Git("rev-parse", "task/T-0001")).Trim();
        await AgentAsync("""
            tree=$(echo rewritten | git hash-object -w --stdin | xargs printf '100644 blob %s\tREADME.md\n' | git mktree)
            git reset -q --hard "$(git -c user.name=a -c user.email=a@x.invalid commit-tree -m 'history of my own' "$tree")"
            """);

        var taken = await worktrees.TakeBackAsync(Task1, CancellationToken.None);
        var diff = await worktrees.DiffAsync(clone, "main", CancellationToken.None);

        Assert.Contains("does not descend from the task's base", Assert.IsType<TakeBackResult.Refused>(taken).Reason, StringComparison.Ordinal);
        Assert.Equal(branch, (await Git("rev-parse", "task/T-0001")).Trim());
        Assert.Empty(diff.Files);
        Assert.Contains("does not descend", diff.NotTakenBack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakeBack_OfACorruptCommit_IsRefusedByIndexPackStrict_ThoughAPlainIndexPackTakesIt()
    {
        var branch = (await Git("rev-parse", "task/T-0001")).Trim();
        await AgentAsync("""
            base=$(git rev-parse HEAD)
            bad=$(printf 'tree %s\nparent %s\nauthor nobody 1700000000 +0000\ncommitter nobody 1700000000 +0000\n\nno email\n' "$(git rev-parse HEAD^{tree})" "$base" | git hash-object -t commit -w --literally --stdin)
            git update-ref refs/heads/task/T-0001 "$bad"
            """);

        var taken = await worktrees.TakeBackAsync(Task1, CancellationToken.None);

        Assert.Contains("index-pack --strict", Assert.IsType<TakeBackResult.Refused>(taken).Reason, StringComparison.Ordinal);
        Assert.Equal(branch, (await Git("rev-parse", "task/T-0001")).Trim());

        // The same pack, indexed without --strict, is taken: the check, not the pack, refused it.
        var head = (await InClone("rev-parse", "task/T-0001")).Trim();
        var pack = await new GitCli(clone.Path, new ProcessRunner()).RunAsync(["pack-objects", "--thin", "--stdout", "--revs"], Encoding.ASCII.GetBytes($"{head}\n^{branch}\n"), CancellationToken.None);
        Assert.Equal(0, (await repository.Git.RunAsync(["index-pack", "--stdin", "--fix-thin"], pack.RawStandardOutput, CancellationToken.None)).ExitCode);
    }

    [Fact]
    public async Task TakeBack_OfACommitWhoseTreeIsMissing_IsRefused()
    {
        var branch = (await Git("rev-parse", "task/T-0001")).Trim();
        await AgentAsync("""
            dangling=$(printf 'tree %s\nparent %s\nauthor a <a@x.invalid> 1700000000 +0000\ncommitter a <a@x.invalid> 1700000000 +0000\n\npoints at nothing\n' 1111111111111111111111111111111111111111 "$(git rev-parse HEAD)" | git hash-object -t commit -w --stdin)
            git update-ref refs/heads/task/T-0001 "$dangling"
            """);

        Assert.IsType<TakeBackResult.Refused>(await worktrees.TakeBackAsync(Task1, CancellationToken.None));
        Assert.Equal(branch, (await Git("rev-parse", "task/T-0001")).Trim());
    }

    [Fact]
    public async Task HooksFsmonitorAndDriversPlantedInTheClone_NeverRunOutsideTheSandbox_AndNeverTouchTheRepository()
    {
        var before = await RepositoryFingerprintAsync();
        var outside = Path.Combine(canary, "ran-outside");
        var inside = Path.Combine(clone.Path, ".git", "ran-inside");
        var plant = $"echo ran >> {outside} 2>/dev/null; echo ran >> {inside}";
        await AgentAsync($"""
            mkdir -p .git/hooks .git/info my-hooks
            for hook in pre-commit post-commit reference-transaction post-merge post-checkout post-index-change; do
              printf '#!/bin/sh\n{plant}\n' > .git/hooks/$hook; cp .git/hooks/$hook my-hooks/$hook; chmod +x .git/hooks/$hook my-hooks/$hook
            done
            git config core.hooksPath my-hooks
            git config core.fsmonitor "sh -c '{plant}'"
            git config filter.plant.clean "sh -c '{plant}; cat'"
            git config diff.external "sh -c '{plant}'"
            echo '* filter=plant' > .git/info/attributes
            echo work > work.txt
            """);

        // Everything claw.clip does in a clone: commit what the agent left, take back and diff, merge the target, check out, remove.
        await worktrees.CommitAllAsync(clone, Dev, "what the agent left", CancellationToken.None);
        await TempRepository.CommitAsync(repository.Root, "main.txt", "main moved\n", "main moves on", "person");
        before = await RepositoryFingerprintAsync();
        await worktrees.DiffAsync(clone, "main", CancellationToken.None);
        Assert.Empty(await worktrees.MergeFromAsync(clone, "main", Dev, CancellationToken.None));
        await worktrees.RestoreAsync(clone.Path, CancellationToken.None);
        await worktrees.DiffAsync(clone, "main", CancellationToken.None);

        Assert.False(File.Exists(outside), "a planted program ran outside the sandbox");
        Assert.True(File.Exists(inside), "the clean filter is the clone's own and runs, confined to the clone");
        Assert.Equal(before, await RepositoryFingerprintAsync());
        Assert.Equal("work\n", (await Git("show", "task/T-0001:work.txt")).Replace("\r", string.Empty, StringComparison.Ordinal));

        // The same plants, met by a plain git in the clone as the daemon: they run, and reach outside. That is the move refused.
        // (git add of a changed file always runs the clean filter; a commit with nothing to add runs it only when the index is racy.)
        await File.AppendAllTextAsync(Path.Combine(clone.Path, "work.txt"), "more\n");
        await new GitCli(clone.Path, new ProcessRunner()).RunAsync(["add", "work.txt"], null, CancellationToken.None);
        Assert.True(File.Exists(outside));
    }

    [Fact]
    public async Task Remove_TakesBackThenDeletesTheClone()
    {
        await AgentAsync("echo work > work.txt && git add work.txt && git -c user.name=a -c user.email=a@x.invalid commit -qm work");

        await worktrees.RemoveAsync(Task1, CancellationToken.None);

        Assert.False(Directory.Exists(clone.Path));
        Assert.Equal("work", (await Git("log", "-1", "--format=%s", "task/T-0001")).Trim());
        Assert.Equal(string.Empty, (await Git("for-each-ref", "refs/clawclip/clones/")).Trim());
        Assert.Equal((await Git("rev-parse", "main")).Trim(), (await Git("rev-parse", "refs/clawclip/bases/T-0001")).Trim());
    }

    [Fact]
    public async Task Ensure_AfterTheRepositoryMovedTheBranch_ResetsTheCloneToIt_AndDoesNotTakeTheOlderHeadBack()
    {
        // The merge queue rebases the branch in the repository while the clone still has the old head.
        await AgentAsync("echo work > work.txt && git add work.txt && git -c user.name=a -c user.email=a@x.invalid commit -qm work");
        await worktrees.TakeBackAsync(Task1, CancellationToken.None);
        await TempRepository.CommitAsync(repository.Root, "main.txt", "main moved\n", "main moves on", "person");
        var rebased = (await Git("-c", "user.name=c", "-c", "user.email=c@x.invalid", "commit-tree", "-p", "main", "-m", "rebased", (await Git("rev-parse", "task/T-0001^{tree}")).Trim())).Trim();
        await Git("update-ref", "refs/heads/task/T-0001", rebased);

        var again = await worktrees.EnsureAsync(Task1, "main", CancellationToken.None);

        Assert.Equal(rebased, (await Git("rev-parse", "task/T-0001")).Trim());
        Assert.Equal(rebased, (await InClone("rev-parse", "HEAD")).Trim());
        Assert.Equal(new TakeBackResult.Unchanged(rebased), await worktrees.TakeBackAsync(Task1, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(again.Path, "work.txt")));
    }

    [Fact]
    public async Task AClone_TakesLittleDisk_SinceItBorrowsTheRepositorysObjects()
    {
        var history = new byte[2 * 1024 * 1024];
        Random.Shared.NextBytes(history);
        await File.WriteAllBytesAsync(Path.Combine(repository.Root, "big.bin"), history);
        await Git("add", "big.bin");
        await Git("-c", "user.name=p", "-c", "user.email=p@x.invalid", "commit", "-qm", "big");
        await Git("rm", "-q", "big.bin");
        await Git("-c", "user.name=p", "-c", "user.email=p@x.invalid", "commit", "-qm", "gone");

        var other = await worktrees.EnsureAsync(TaskId.Parse("T-0002"), "main", CancellationToken.None);

        var size = new DirectoryInfo(other.Path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Assert.True(size < 64 * 1024, $"the clone takes {size} bytes");
    }

    private async Task AgentAsync(string script)
    {
        var spec = ProcessSpec.Create("/bin/sh", "-ec", script) with
        {
            WorkingDirectory = clone.Path,
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = canary },
        };
        var result = await new ProcessRunner().RunAsync(spec, CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    // The repository's config, hooks and every ref but the task's own branch and clone record.
    private async Task<string> RepositoryFingerprintAsync()
    {
        var dotGit = Path.Combine(repository.Root, ".git");
        var text = new StringBuilder();
        text.Append(await File.ReadAllTextAsync(Path.Combine(dotGit, "config")));
        foreach (var hook in Directory.EnumerateFiles(Path.Combine(dotGit, "hooks")).Order(StringComparer.Ordinal))
        {
            text.Append(hook).Append(Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(hook))));
        }

        text.Append(string.Join('\n', (await Git("for-each-ref", "--format=%(refname) %(objectname)")).Split('\n')
            .Where(line => !line.StartsWith("refs/heads/task/T-0001 ", StringComparison.Ordinal) && !line.StartsWith("refs/clawclip/clones/", StringComparison.Ordinal))));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private Task<string> Git(params string[] arguments) => repository.RunAsync(arguments);

    private Task<string> InClone(params string[] arguments) => new GitCli(clone.Path, new ProcessRunner()).OutputAsync(arguments, CancellationToken.None);

    private Task<ProcessResult> InCloneRun(params string[] arguments) => new GitCli(clone.Path, new ProcessRunner()).RunAsync(arguments, null, CancellationToken.None);
}
