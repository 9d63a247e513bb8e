using ClawClip.Core.Goals;
using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// ROADMAP.md as committed on the target branch. When the repository has an <c>origin</c>, it is fetched first and a
/// target that is behind <c>origin</c> is fast-forwarded to it: a person's push is what the PM reads.
/// </summary>
public sealed class GitRoadmapSource : IRoadmapSource
{
    private const string File = "ROADMAP.md";

    private readonly GitCli git;
    private readonly IProcessRunner runner;
    private readonly string target;
    private readonly Func<string, byte[], RoadmapReadResult> parse;

    /// <param name="git">The repository.</param>
    /// <param name="runner">Runs git in the person's checkout when it has the target checked out.</param>
    /// <param name="target">The branch, usually <c>main</c>.</param>
    /// <param name="parse">Reads goals from the file's name and bytes (the roadmap reader).</param>
    public GitRoadmapSource(GitCli git, IProcessRunner runner, string target, Func<string, byte[], RoadmapReadResult> parse)
    {
        this.git = git;
        this.runner = runner;
        this.target = target;
        this.parse = parse;
    }

    /// <summary>Why the last fetch from origin failed, if it did (the roadmap was read from the local branch).</summary>
    public string? LastFetchProblem { get; private set; }

    /// <inheritdoc />
    public async Task<RoadmapOnMain?> ReadAsync(CancellationToken cancellationToken)
    {
        await FollowOriginAsync(cancellationToken).ConfigureAwait(false);
        var head = await git.RunAsync(["rev-parse", "--verify", "--quiet", $"refs/heads/{target}^{{commit}}"], null, cancellationToken).ConfigureAwait(false);
        if (head.ExitCode != 0)
        {
            return null;
        }

        var commit = head.StandardOutput.Trim();
        var content = await git.RunAsync(["cat-file", "blob", $"{commit}:{File}"], null, cancellationToken).ConfigureAwait(false);
        return content.ExitCode != 0
            ? null
            : new RoadmapOnMain(commit, parse($"{File} on {target} at {commit[..10]}", System.Text.Encoding.UTF8.GetBytes(content.StandardOutput)));
    }

    private async Task FollowOriginAsync(CancellationToken cancellationToken)
    {
        var remotes = await git.OutputAsync(["remote"], cancellationToken).ConfigureAwait(false);
        if (!remotes.Split('\n').Contains("origin", StringComparer.Ordinal))
        {
            return;
        }

        var fetch = await git.RunAsync(["fetch", "--quiet", "origin", $"refs/heads/{target}:refs/remotes/origin/{target}"], null, cancellationToken).ConfigureAwait(false);
        LastFetchProblem = fetch.ExitCode == 0 ? null : fetch.StandardError.Trim();
        if (fetch.ExitCode != 0)
        {
            return;
        }

        var local = (await git.OutputAsync(["rev-parse", $"refs/heads/{target}"], cancellationToken).ConfigureAwait(false)).Trim();
        var remote = (await git.OutputAsync(["rev-parse", $"refs/remotes/origin/{target}"], cancellationToken).ConfigureAwait(false)).Trim();
        var behind = local != remote && (await git.RunAsync(["merge-base", "--is-ancestor", local, remote], null, cancellationToken).ConfigureAwait(false)).ExitCode == 0;
        if (behind)
        {
            await new BranchMover(git, runner).FastForwardAsync(target, local, remote, cancellationToken).ConfigureAwait(false);
        }
    }
}
