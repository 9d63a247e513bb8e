using System.CommandLine;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

namespace ClawClip.Cli;

/// <summary>
/// The edge where every failure becomes a message and an exit code: expected ones with their own code,
/// anything else as <c>error: …</c> and <see cref="ExitCodes.Failure"/>.
/// </summary>
internal static class CommandRunner
{
    public static void OnRun(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (CliException e)
            {
                return Fail(e.ExitCode, e.Message);
            }
            catch (InvalidStateFileException e)
            {
                return Fail(ExitCodes.InvalidData, e.Message);
            }
            catch (IllegalTransitionException e)
            {
                return Fail(ExitCodes.Conflict, e.Message);
            }
            catch (FormatException e)
            {
                return Fail(ExitCodes.Usage, e.Message);
            }
            catch (ArgumentException e)
            {
                return Fail(ExitCodes.Usage, e.Message);
            }
            catch (Exception e) when (e is GitCommandException or ProcessStartException or IOException or UnauthorizedAccessException or TimeoutException)
            {
                return Fail(ExitCodes.Failure, e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(ExitCodes.Failure, "canceled");
            }
            catch (Exception e)
            {
                // The edge catches everything: a person gets one line, never a stack trace.
                return Fail(ExitCodes.Failure, $"unexpected {e.GetType().Name}: {e.Message} (please report this)");
            }
        });

    private static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine("error: " + message);
        return exitCode;
    }
}
