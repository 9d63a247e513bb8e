namespace ClawClip.Core.Pipeline;

/// <summary>The dev→QA check: the repository's configured build and test commands, run on a worktree.</summary>
public interface IWorkChecks
{
    /// <summary>
    /// Runs every check in <paramref name="workingDirectory"/>, stopping at the first that fails. Each records its
    /// processes in <paramref name="processGroupFile"/> while it runs (null: nowhere), so that what a dead runner's
    /// check left behind is stopped before the task is taken up again (<see cref="IRunLeftovers"/>).
    /// </summary>
    Task<CheckReport> RunAsync(string workingDirectory, string? processGroupFile, CancellationToken cancellationToken);
}
