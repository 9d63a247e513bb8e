using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// Moves a branch forward to a commit built on it: by compare-and-swap (<c>update-ref NEW OLD</c>), or — when the person
/// has the branch checked out — by <c>merge --ff-only</c> in their checkout, which refuses rather than overwrite local
/// changes. Used by the merger and by the roadmap ticker, so main moves one way only.
/// </summary>
internal sealed class BranchMover
{
    private readonly GitCli git;
    private readonly IProcessRunner runner;

    public BranchMover(GitCli git, IProcessRunner runner)
    {
        this.git = git;
        this.runner = runner;
    }

    /// <summary>Moves <paramref name="branch"/> from <paramref name="expected"/> to <paramref name="commit"/>; returns null when it moved, else why not.</summary>
    public async Task<string?> FastForwardAsync(string branch, string expected, string commit, CancellationToken cancellationToken)
    {
        var branchRef = "refs/heads/" + branch;
        if (await CheckoutOfAsync(branchRef, cancellationToken).ConfigureAwait(false) is { } checkout)
        {
            var merge = await new GitCli(checkout, runner).RunAsync(["merge", "--ff-only", "--quiet", commit], null, cancellationToken).ConfigureAwait(false);
            return merge.ExitCode == 0 ? null : $"{branch} is checked out at {checkout} and could not be fast-forwarded there: {merge.StandardError.Trim()}";
        }

        var moved = await git.RunAsync(["update-ref", branchRef, commit, expected], null, cancellationToken).ConfigureAwait(false);
        return moved.ExitCode == 0 ? null : $"{branch} moved meanwhile; it is tried again on the next run";
    }

    /// <summary>The worktree that has <paramref name="branchRef"/> checked out, if any.</summary>
    private async Task<string?> CheckoutOfAsync(string branchRef, CancellationToken cancellationToken)
    {
        string? path = null;
        foreach (var line in (await git.OutputAsync(["worktree", "list", "--porcelain"], cancellationToken).ConfigureAwait(false)).Split('\n'))
        {
            if (line.StartsWith("worktree ", StringComparison.Ordinal))
            {
                path = line["worktree ".Length..];
            }
            else if (line == "branch " + branchRef)
            {
                return path;
            }
        }

        return null;
    }
}
