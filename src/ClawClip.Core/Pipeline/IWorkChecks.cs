namespace ClawClip.Core.Pipeline;

/// <summary>The dev→QA check: the repository's configured build and test commands, run on a worktree.</summary>
public interface IWorkChecks
{
    /// <summary>Runs every check in <paramref name="workingDirectory"/>, stopping at the first that fails.</summary>
    Task<CheckReport> RunAsync(string workingDirectory, CancellationToken cancellationToken);
}
