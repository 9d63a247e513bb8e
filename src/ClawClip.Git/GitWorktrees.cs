using ClawClip.Core.Tasks;

namespace ClawClip.Git;

/// <summary>
/// Task worktrees with <c>git worktree</c>. They live under the repository's git folder
/// (<c>.git/clawclip/worktrees/&lt;id&gt;</c>): out of the person's working tree and its <c>git status</c>, and
/// gone with the repository.
/// </summary>
public sealed class GitWorktrees : IWorktrees
{
    private readonly GitCli git;
    private string? commonDir;

    public GitWorktrees(GitCli git) => this.git = git;

    public static string BranchOf(TaskId task) => "task/" + task.Value;

    /// <inheritdoc />
    public async Task<Worktree> EnsureAsync(TaskId task, string baseRef, CancellationToken cancellationToken)
    {
        var path = await PathOfAsync(task, cancellationToken).ConfigureAwait(false);
        var branch = BranchOf(task);
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
    public async Task RemoveAsync(TaskId task, CancellationToken cancellationToken)
    {
        var path = await PathOfAsync(task, cancellationToken).ConfigureAwait(false);
        if (await IsRegisteredAsync(path, cancellationToken).ConfigureAwait(false))
        {
            await git.OutputAsync(["worktree", "remove", "--force", path], cancellationToken).ConfigureAwait(false);
        }

        await git.OutputAsync(["worktree", "prune"], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteBranchAsync(TaskId task, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(["branch", "-D", BranchOf(task)], null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && !result.StandardError.Contains("not found", StringComparison.Ordinal))
        {
            throw new GitCommandException(["branch", "-D", BranchOf(task)], result.ExitCode, result.StandardError);
        }
    }

    private async Task<string> PathOfAsync(TaskId task, CancellationToken cancellationToken)
    {
        commonDir ??= Path.GetFullPath(
            (await git.OutputAsync(["rev-parse", "--git-common-dir"], cancellationToken).ConfigureAwait(false)).Trim(),
            git.RepositoryRoot);
        return Path.Combine(commonDir, "clawclip", "worktrees", task.Value);
    }

    private async Task<bool> IsRegisteredAsync(string path, CancellationToken cancellationToken)
    {
        var list = await git.OutputAsync(["worktree", "list", "--porcelain"], cancellationToken).ConfigureAwait(false);
        return list.Split('\n').Any(line => line == "worktree " + path);
    }
}
