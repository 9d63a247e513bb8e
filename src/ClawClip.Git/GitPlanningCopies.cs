using ClawClip.Core.Goals;
using ClawClip.Core.Planning;
using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// The planner's copies, one per goal at <c>&lt;root&gt;/&lt;goal id&gt;</c> outside the repository: a clone that
/// borrows the repository's objects read-only, on the target branch at the goal's commit (so <c>git log</c> and
/// <c>git show</c> read its history), made afresh for each plan and deleted after it. Nothing comes back from it.
/// </summary>
public sealed class GitPlanningCopies : IPlanningWorkspace
{
    private readonly GitCli git;
    private readonly string target;
    private readonly IProcessRunner runner;
    private IReadOnlyList<string>? borrowed;

    /// <param name="git">The repository.</param>
    /// <param name="root">Where the copies live, outside the repository.</param>
    /// <param name="target">The branch the copy is on (the one whose ROADMAP.md is planned).</param>
    /// <param name="runner">Runs git; its sandbox confines git in the copies.</param>
    public GitPlanningCopies(GitCli git, string root, string target, IProcessRunner? runner = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        this.git = git;
        Root = Path.GetFullPath(root);
        this.target = target;
        this.runner = runner ?? new ProcessRunner();
    }

    /// <summary>Where the copies live.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public async Task<PlanningCopy> PrepareAsync(GoalId goal, string commit, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, goal.Value);
        using var gate = await WorktreeGate.EnterAsync(path, cancellationToken).ConfigureAwait(false);
        borrowed ??= await BorrowingClone.BorrowedAsync(git, cancellationToken).ConfigureAwait(false);
        var resolved = (await git.OutputAsync(["rev-parse", "--verify", "--end-of-options", commit + "^{commit}"], cancellationToken).ConfigureAwait(false)).Trim();
        await DeleteAsync(path, cancellationToken).ConfigureAwait(false);
        await BorrowingClone.CreateAsync(path, runner, borrowed, "refs/heads/" + target, resolved, cancellationToken).ConfigureAwait(false);
        return new PlanningCopy(path, borrowed);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(GoalId goal, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, goal.Value);
        using var gate = await WorktreeGate.EnterAsync(path, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        if (new DirectoryInfo(path) is { Exists: true } folder)
        {
            await Task.Run(() => CloneFolder.Delete(folder), cancellationToken).ConfigureAwait(false);
        }
    }
}
