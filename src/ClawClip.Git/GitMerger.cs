using ClawClip.Core.Agents;
using ClawClip.Core.Merging;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Protection;
using ClawClip.Core.Tasks;
using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// Lands task branches with git: the rebase and the gate run in a private worktree
/// (<c>.git/clawclip/merge</c>), so the person's checkout is never used for the work. The target then moves
/// by compare-and-swap (<c>update-ref NEW OLD</c>), or, when the person has it checked out, by
/// <c>merge --ff-only</c> there, which refuses rather than overwrite their local changes. Before the gate runs, the
/// rebased commits themselves are read (<see cref="LandingInspection"/>): unsafe links and hooks are refused, and work
/// touching protected paths waits for a person unless one approved it. The gate's commands run in
/// the sandbox: the workspace and the gate's own HOME writable, and of the repository's git dir only what a checkout
/// reads (objects, refs, the workspace's own admin folder) readable; its config and hooks are not there.
/// </summary>
public sealed class GitMerger : IMerger
{
    private const int OutputTail = 8000;

    private readonly GitCli git;
    private readonly IProcessRunner runner;
    private readonly IReadOnlyDictionary<string, string> gateEnvironment;
    private readonly IRunLeftovers leftovers;
    private readonly string gateHome;

    /// <param name="git">The repository.</param>
    /// <param name="runner">Runs the gate commands; its sandbox confines them.</param>
    /// <param name="gateEnvironment">What the gate commands see of the environment, and nothing else (HOME and the caches are moved to <paramref name="gateHome"/>).</param>
    /// <param name="gateHome">The gate's own HOME, kept between gates: no task's check fills the caches the gate trusts.</param>
    /// <param name="leftovers">Where a gate records its processes, under the task it gates (none: nowhere).</param>
    public GitMerger(GitCli git, IProcessRunner runner, IReadOnlyDictionary<string, string> gateEnvironment, string gateHome, IRunLeftovers? leftovers = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(gateHome);
        this.git = git;
        this.runner = runner;
        this.gateEnvironment = gateEnvironment;
        this.gateHome = Path.GetFullPath(gateHome);
        this.leftovers = leftovers ?? NoLeftovers.Instance;
    }

    /// <inheritdoc />
    public async Task<MergeOutcome> MergeAsync(TaskId task, string target, IReadOnlyList<IReadOnlyList<string>> gate, TimeSpan gateTimeout, LandingRules rules, CancellationToken cancellationToken)
    {
        var targetRef = "refs/heads/" + target;
        var branchRef = "refs/heads/" + GitWorktrees.BranchOf(task);
        var oldTarget = (await git.OutputAsync(["rev-parse", "--verify", targetRef], cancellationToken).ConfigureAwait(false)).Trim();
        var oldBranch = (await git.OutputAsync(["rev-parse", "--verify", branchRef], cancellationToken).ConfigureAwait(false)).Trim();
        var workspace = await PrepareWorkspaceAsync(oldBranch, cancellationToken).ConfigureAwait(false);
        var inWorkspace = new GitCli(workspace, runner);
        try
        {
            // A branch that already contains the target (its dev merged it in to resolve a conflict) lands as it is:
            // rebasing would replay its commits without that merge and meet the same conflict again.
            var containsTarget = (await git.RunAsync(["merge-base", "--is-ancestor", oldTarget, oldBranch], null, cancellationToken).ConfigureAwait(false)).ExitCode == 0;
            var rebase = containsTarget
                ? null
                : await inWorkspace.RunAsync(["-c", "user.name=" + AgentIdentity.ClawClip.Name, "-c", "user.email=" + AgentIdentity.ClawClip.Email, "rebase", oldTarget], null, cancellationToken).ConfigureAwait(false);
            if (rebase is { ExitCode: not 0 })
            {
                var conflicted = await inWorkspace.OutputAsync(["diff", "--name-only", "--diff-filter=U"], cancellationToken).ConfigureAwait(false);
                await inWorkspace.RunAsync(["rebase", "--abort"], null, cancellationToken).ConfigureAwait(false);
                return new MergeOutcome.Conflict(conflicted.Split('\n', StringSplitOptions.RemoveEmptyEntries), Tail(rebase.StandardOutput + rebase.StandardError));
            }

            var rebased = (await inWorkspace.OutputAsync(["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();

            // The rebase drops commits whose change the target already has; a branch left with the target's own tree
            // would "land" as the target's tip (or an empty commit) and tick a goal with no code behind it.
            var sameTree = await git.RunAsync(["diff", "--quiet", "--no-ext-diff", oldTarget, rebased, "--"], null, cancellationToken).ConfigureAwait(false);
            switch (sameTree.ExitCode)
            {
                case 0:
                    return new MergeOutcome.NothingToLand(oldTarget);
                case not 1:
                    throw new GitCommandException(["diff", "--quiet", oldTarget, rebased], sameTree.ExitCode, sameTree.StandardError);
            }

            // What lands is exactly oldTarget..rebased: those commits are read, not the workspace the gate will build in.
            var (touched, refusal) = await new LandingInspection(git).InspectAsync(oldTarget, rebased, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return new MergeOutcome.Refused(refusal);
            }

            if (!rules.PersonApproved && rules.Protected.Touched(touched) is { Count: > 0 } protectedPaths)
            {
                return new MergeOutcome.NeedsApproval(protectedPaths);
            }

            var sandbox = new CheckSandbox(gateHome, await CheckoutNeedsAsync(inWorkspace, cancellationToken).ConfigureAwait(false));
            var check = await new CommandChecks(runner, gate, gateEnvironment, gateTimeout, sandbox).RunAsync(workspace, leftovers.RecordGateFor(task), cancellationToken).ConfigureAwait(false);
            if (!check.Passed)
            {
                return new MergeOutcome.GateFailed(check.FailedCommand!, check.ExitCode, check.Output);
            }

            // The dev continues from the rebased work if the task comes back; then the target moves.
            await git.RunAsync(["update-ref", branchRef, rebased, oldBranch], null, cancellationToken).ConfigureAwait(false);
            var moved = await new BranchMover(git, runner).FastForwardAsync(target, oldTarget, rebased, cancellationToken).ConfigureAwait(false);
            return moved is null ? new MergeOutcome.Merged(rebased) : new MergeOutcome.TargetBusy(moved);
        }
        finally
        {
            using (await WorktreeGate.EnterAsync(git.RepositoryRoot, CancellationToken.None).ConfigureAwait(false))
            {
                await git.RunAsync(["worktree", "remove", "--force", workspace], null, CancellationToken.None).ConfigureAwait(false);
                await git.RunAsync(["worktree", "prune"], null, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> PrepareWorkspaceAsync(string commit, CancellationToken cancellationToken)
    {
        var commonDir = Path.GetFullPath((await git.OutputAsync(["rev-parse", "--git-common-dir"], cancellationToken).ConfigureAwait(false)).Trim(), git.RepositoryRoot);
        var workspace = Path.Combine(commonDir, "clawclip", "merge");
        using var gate = await WorktreeGate.EnterAsync(git.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        await git.RunAsync(["worktree", "remove", "--force", workspace], null, cancellationToken).ConfigureAwait(false);
        await git.OutputAsync(["worktree", "prune"], cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(workspace))
        {
            Directory.Delete(workspace, recursive: true); // left by a merge that died before it could clean up
        }

        await git.OutputAsync(["worktree", "add", "--quiet", "--detach", workspace, commit], cancellationToken).ConfigureAwait(false);
        return workspace;
    }

    /// <summary>
    /// What of the repository's git dir the workspace's checkout reads (a build that asks git for its commit, SourceLink):
    /// the workspace's admin folder, the objects, the refs. Not the config (a remote's URL may hold a token), not the hooks.
    /// </summary>
    private async Task<IReadOnlyList<string>> CheckoutNeedsAsync(GitCli inWorkspace, CancellationToken cancellationToken)
    {
        var admin = Path.GetFullPath((await inWorkspace.OutputAsync(["rev-parse", "--git-dir"], cancellationToken).ConfigureAwait(false)).Trim(), inWorkspace.RepositoryRoot);
        var common = Path.GetFullPath((await git.OutputAsync(["rev-parse", "--git-common-dir"], cancellationToken).ConfigureAwait(false)).Trim(), git.RepositoryRoot);
        string[] needed = [admin, Path.Combine(common, "objects"), Path.Combine(common, "refs"), Path.Combine(common, "packed-refs"), Path.Combine(common, "HEAD")];
        return [.. needed.Where(Path.Exists)];
    }

    private static string Tail(string text) => text.Length <= OutputTail ? text : "…" + text[^OutputTail..];
}
