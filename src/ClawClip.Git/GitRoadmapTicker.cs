using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Core.Goals;
using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// Ticks a goal's box in ROADMAP.md on the target branch with git plumbing: the new file is written as a blob into a
/// tree built in a private index, committed on top of the commit the roadmap was read from, and the branch moves to it
/// only if it is still there. The person's working tree and index are never touched (except by a fast-forward of
/// their checkout, which refuses to overwrite local changes).
/// </summary>
public sealed class GitRoadmapTicker : IRoadmapTicker
{
    private const string File = "ROADMAP.md";

    private readonly GitCli git;
    private readonly IProcessRunner runner;
    private readonly string target;
    private readonly AgentIdentity author;

    public GitRoadmapTicker(GitCli git, IProcessRunner runner, string target, AgentIdentity author)
    {
        this.git = git;
        this.runner = runner;
        this.target = target;
        this.author = author;
    }

    /// <inheritdoc />
    public async Task<string?> TickAsync(RoadmapOnMain onMain, RoadmapGoal goal, string message, CancellationToken cancellationToken)
    {
        var content = await git.OutputAsync(["show", $"{onMain.Commit}:{File}"], cancellationToken).ConfigureAwait(false);
        if (Ticked(content, goal.Line) is not { } ticked)
        {
            return null; // the line moved or is ticked already: read again next time
        }

        var blob = (await git.OutputAsync(["hash-object", "-w", "--stdin"], cancellationToken, Encoding.UTF8.GetBytes(ticked)).ConfigureAwait(false)).Trim();
        var index = Path.Combine(Path.GetTempPath(), "clawclip-index-" + Guid.NewGuid().ToString("N"));
        try
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["GIT_INDEX_FILE"] = index,
                ["GIT_AUTHOR_NAME"] = author.Name,
                ["GIT_AUTHOR_EMAIL"] = author.Email,
                ["GIT_COMMITTER_NAME"] = AgentIdentity.ClawClip.Name,
                ["GIT_COMMITTER_EMAIL"] = AgentIdentity.ClawClip.Email,
            };
            await RunAsync(["read-tree", onMain.Commit], environment, cancellationToken).ConfigureAwait(false);
            var mode = (await git.OutputAsync(["ls-tree", onMain.Commit, File], cancellationToken).ConfigureAwait(false)).Split(' ')[0];
            await RunAsync(["update-index", "--cacheinfo", $"{mode},{blob},{File}"], environment, cancellationToken).ConfigureAwait(false);
            var tree = (await RunAsync(["write-tree"], environment, cancellationToken).ConfigureAwait(false)).Trim();
            var commit = (await RunAsync(["commit-tree", tree, "-p", onMain.Commit, "-m", message], environment, cancellationToken).ConfigureAwait(false)).Trim();
            var refused = await new BranchMover(git, runner).FastForwardAsync(target, onMain.Commit, commit, cancellationToken).ConfigureAwait(false);
            return refused is null ? commit : null;
        }
        finally
        {
            System.IO.File.Delete(index);
        }
    }

    /// <summary>The roadmap with the box on <paramref name="line"/> (1-based) checked; null when that line has no open box.</summary>
    internal static string? Ticked(string content, int line)
    {
        var start = 0;
        for (var i = 1; i < line; i++)
        {
            start = content.IndexOf('\n', start) + 1;
            if (start == 0)
            {
                return null;
            }
        }

        var end = content.IndexOf('\n', start);
        var text = end < 0 ? content[start..] : content[start..end];
        var box = text.IndexOf("[ ]", StringComparison.Ordinal);
        var item = text.TrimStart();
        var isListItem = item.Length > 0 && (item[0] is '-' or '*' or '+' || char.IsAsciiDigit(item[0]));
        return box < 0 || !isListItem
            ? null
            : content[..(start + box)] + "[x]" + content[(start + box + 3)..];
    }

    private async Task<string> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(arguments, null, environment, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput : throw new GitCommandException(arguments, result.ExitCode, result.StandardError);
    }
}
