using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// Task worktrees with <c>git worktree</c>, at <c>.clawclip/worktrees/&lt;id&gt;</c> in the repository's folder:
/// gone with the repository, and kept out of the person's <c>git status</c> by a line in <c>.git/info/exclude</c>
/// (which is local: nothing to commit). Not under <c>.git/</c>: agents refuse to edit files there (Claude Code
/// calls every path under <c>.git/</c> sensitive), and an agent must be able to edit its worktree.
/// </summary>
public sealed class GitWorktrees : IWorktrees
{
    // A reviewer's prompt holds the diff; past this size it reads the files instead.
    private const int MostPatchChars = 60_000;

    /// <summary>The folder, at the repository's root, that holds claw.clip's working files (the task worktrees).</summary>
    public const string Folder = ".clawclip";

    private readonly GitCli git;
    private readonly IProcessRunner runner;
    private string? commonDir;

    public GitWorktrees(GitCli git, IProcessRunner? runner = null)
    {
        this.git = git;
        this.runner = runner ?? new ProcessRunner();
    }

    public static string BranchOf(TaskId task) => "task/" + task.Value;

    /// <inheritdoc />
    public async Task<Worktree> EnsureAsync(TaskId task, string baseRef, CancellationToken cancellationToken)
    {
        var path = PathOf(task);
        var branch = BranchOf(task);
        using var gate = await WorktreeGate.EnterAsync(git.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        await ExcludeAsync(cancellationToken).ConfigureAwait(false);
        if (await IsRegisteredAsync(path, cancellationToken).ConfigureAwait(false) && Directory.Exists(path))
        {
            return new Worktree(task, path, branch);
        }

        // A worktree whose folder vanished (a crash, a person's rm -rf) is still registered: forget it first.
        await git.OutputAsync(["worktree", "prune"], cancellationToken).ConfigureAwait(false);
        var branchExists = (await git.RunAsync(["rev-parse", "--verify", "--quiet", "refs/heads/" + branch], null, cancellationToken).ConfigureAwait(false)).ExitCode == 0;
        string[] add = branchExists
            ? ["worktree", "add", "--quiet", path, branch]
            : ["worktree", "add", "--quiet", "-b", branch, path, baseRef];
        await git.OutputAsync(add, cancellationToken).ConfigureAwait(false);
        return new Worktree(task, path, branch);
    }

    /// <inheritdoc />
    public async Task<string?> CommitAllAsync(Worktree worktree, AgentIdentity author, string message, CancellationToken cancellationToken)
    {
        var inTree = In(worktree);
        await inTree.OutputAsync(["add", "--all"], cancellationToken).ConfigureAwait(false);
        var staged = await inTree.RunAsync(["diff", "--cached", "--quiet"], null, cancellationToken).ConfigureAwait(false);
        if (staged.ExitCode == 0 && !await IsMergingAsync(inTree, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await inTree.OutputAsync([.. As(author), "commit", "--quiet", "--no-verify", "-m", message], cancellationToken).ConfigureAwait(false);
        return (await inTree.OutputAsync(["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();
    }

    /// <inheritdoc />
    public async Task RestoreAsync(string path, CancellationToken cancellationToken)
    {
        var inTree = new GitCli(path, runner);

        // A merge the dev left half-done keeps its state: reset --hard would end it, and the next commit records it.
        if (await IsMergingAsync(inTree, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await inTree.OutputAsync(["reset", "--quiet", "--hard", "HEAD"], cancellationToken).ConfigureAwait(false);

        // -d: folders the checks made (out/, __pycache__/); no -x: ignored files stay.
        await inTree.OutputAsync(["clean", "--quiet", "--force", "-d"], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TaskDiff> DiffAsync(Worktree worktree, string baseRef, CancellationToken cancellationToken)
    {
        var inTree = In(worktree);
        var head = (await inTree.OutputAsync(["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();
        var range = baseRef + "..." + head;
        var files = (await inTree.OutputAsync(["diff", "--name-only", range], cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var patch = await inTree.OutputAsync(["diff", "--no-color", "--no-ext-diff", range], cancellationToken).ConfigureAwait(false);
        var truncated = patch.Length > MostPatchChars;
        return new TaskDiff(head, files, truncated ? patch[..MostPatchChars] : patch, truncated);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> MergeFromAsync(Worktree worktree, string baseRef, AgentIdentity author, CancellationToken cancellationToken)
    {
        var inTree = In(worktree);
        var merge = await inTree.RunAsync([.. As(author), "merge", "--no-edit", "--no-ff", "--quiet", baseRef], null, cancellationToken).ConfigureAwait(false);
        if (merge.ExitCode == 0)
        {
            return [];
        }

        var conflicted = (await inTree.OutputAsync(["diff", "--name-only", "--diff-filter=U"], cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return conflicted.Length > 0 ? conflicted : throw new GitCommandException(["merge", baseRef], merge.ExitCode, merge.StandardError);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(TaskId task, CancellationToken cancellationToken)
    {
        var path = PathOf(task);
        using var gate = await WorktreeGate.EnterAsync(git.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        if (await IsRegisteredAsync(path, cancellationToken).ConfigureAwait(false))
        {
            await git.OutputAsync(["worktree", "remove", "--force", path], cancellationToken).ConfigureAwait(false);
        }

        await git.OutputAsync(["worktree", "prune"], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteBranchAsync(TaskId task, CancellationToken cancellationToken)
    {
        ProcessResult result;
        using (await WorktreeGate.EnterAsync(git.RepositoryRoot, cancellationToken).ConfigureAwait(false))
        {
            result = await git.RunAsync(["branch", "-D", BranchOf(task)], null, cancellationToken).ConfigureAwait(false);
        }

        if (result.ExitCode != 0 && !result.StandardError.Contains("not found", StringComparison.Ordinal))
        {
            throw new GitCommandException(["branch", "-D", BranchOf(task)], result.ExitCode, result.StandardError);
        }
    }

    private GitCli In(Worktree worktree) => new(worktree.Path, runner);

    private static string[] As(AgentIdentity author) =>
        ["-c", "user.name=" + author.Name, "-c", "user.email=" + author.Email];

    private static async Task<bool> IsMergingAsync(GitCli inTree, CancellationToken cancellationToken) =>
        (await inTree.RunAsync(["rev-parse", "--verify", "--quiet", "MERGE_HEAD"], null, cancellationToken).ConfigureAwait(false)).ExitCode == 0;

    private string PathOf(TaskId task) => Path.Combine(git.RepositoryRoot, Folder, "worktrees", task.Value);

    /// <summary>
    /// Keeps <c>.clawclip/</c> (worktrees, logs, the kick file) out of the person's <c>git status</c> with a line in
    /// <c>.git/info/exclude</c>, touching nothing they commit. <c>clawclip init</c> calls it; so does every new worktree.
    /// </summary>
    public async Task ExcludeAsync(CancellationToken cancellationToken)
    {
        commonDir ??= Path.GetFullPath(
            (await git.OutputAsync(["rev-parse", "--git-common-dir"], cancellationToken).ConfigureAwait(false)).Trim(),
            git.RepositoryRoot);
        var exclude = Path.Combine(commonDir, "info", "exclude");
        var line = "/" + Folder + "/";
        var lines = File.Exists(exclude) ? await File.ReadAllLinesAsync(exclude, cancellationToken).ConfigureAwait(false) : [];
        if (!lines.Contains(line, StringComparer.Ordinal))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(exclude)!);
            var separator = lines.Length > 0 && !string.IsNullOrEmpty(lines[^1]) ? Environment.NewLine : string.Empty;
            await File.AppendAllTextAsync(exclude, $"{separator}# claw.clip's task worktrees{Environment.NewLine}{line}{Environment.NewLine}", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsRegisteredAsync(string path, CancellationToken cancellationToken)
    {
        var list = await git.OutputAsync(["worktree", "list", "--porcelain"], cancellationToken).ConfigureAwait(false);
        return list.Split('\n').Any(line => line == "worktree " + path);
    }
}
