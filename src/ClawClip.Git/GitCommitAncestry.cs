using ClawClip.Core.Goals;

namespace ClawClip.Git;

/// <summary>Commit ancestry with <c>git merge-base --is-ancestor</c>.</summary>
public sealed class GitCommitAncestry : ICommitAncestry
{
    private readonly GitCli git;

    public GitCommitAncestry(GitCli git) => this.git = git;

    /// <inheritdoc />
    public async Task<bool> ContainsAsync(string head, string commit, CancellationToken cancellationToken)
    {
        // rev-parse first: merge-base says 128 both for a commit it does not know and for a broken repository.
        var known = await git.RunAsync(["rev-parse", "--verify", "--quiet", commit + "^{commit}"], null, cancellationToken).ConfigureAwait(false);
        if (known.ExitCode != 0)
        {
            return false;
        }

        var result = await git.RunAsync(["merge-base", "--is-ancestor", commit, head], null, cancellationToken).ConfigureAwait(false);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw new GitCommandException(["merge-base", "--is-ancestor", commit, head], result.ExitCode, result.StandardError),
        };
    }
}
