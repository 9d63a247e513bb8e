namespace ClawClip.Processes;

/// <summary>
/// Starts an external process, feeds its standard input, captures its output within bounds and waits
/// for it. The one way claw.clip runs git, agent CLIs and test commands.
/// </summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs <paramref name="spec"/> to completion. A non-zero exit code is a value in the result, not an
    /// exception; so is a timeout (<see cref="ProcessResult.TimedOut"/>), after which the whole process
    /// tree has been killed.
    /// </summary>
    /// <exception cref="ProcessStartException">The program or the working directory was not found, or the OS refused to start it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; the whole process tree was killed first.</exception>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken);
}
