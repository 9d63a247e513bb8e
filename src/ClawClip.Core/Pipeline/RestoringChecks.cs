using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// The checks, and then the worktree put back exactly as committed. The dev's leftovers are committed before the
/// checks run, so whatever is uncommitted afterwards the checks wrote (<c>__pycache__/</c>, <c>out/</c>, a test's
/// scratch file): left there, the dev's next run would find it and claw.clip would commit it as the dev's work.
/// </summary>
internal sealed class RestoringChecks : IWorkChecks
{
    private readonly IWorkChecks checks;
    private readonly IWorktrees worktrees;

    public RestoringChecks(IWorkChecks checks, IWorktrees worktrees)
    {
        this.checks = checks;
        this.worktrees = worktrees;
    }

    public async Task<CheckReport> RunAsync(string workingDirectory, string? processGroupFile, CancellationToken cancellationToken)
    {
        try
        {
            return await checks.RunAsync(workingDirectory, processGroupFile, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also after a check that timed out or was stopped: what it wrote half-way is no more the dev's.
            await worktrees.RestoreAsync(workingDirectory, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
