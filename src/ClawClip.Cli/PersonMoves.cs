using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Cli;

/// <summary>
/// A person's decisions about one task from the command line (<c>approve</c>, <c>retry</c>, <c>show</c>'s lookup):
/// the task found or exit 5, and a move stored or the exit code that says why not.
/// </summary>
internal static class PersonMoves
{
    /// <summary>The task, wherever it is; exit 5 when there is none.</summary>
    public static async Task<TaskRecord> FindAsync(ITaskStore store, TaskId id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException(ExitCodes.NotFound, $"{id}: no such task");

    /// <summary>Stores <paramref name="request"/>; exit 6 when the task moved meanwhile, 5 when it is gone.</summary>
    public static async Task MoveAsync(ITaskStore store, TransitionRequest request, CancellationToken cancellationToken)
    {
        switch (await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false))
        {
            case TransitionResult.Moved:
                return;
            case TransitionResult.WrongStatus wrong:
                throw new CliException(ExitCodes.Conflict, $"{request.Task} moved meanwhile: it is {wrong.Actual.Name()} now");
            default:
                throw new CliException(ExitCodes.NotFound, $"{request.Task}: no such task");
        }
    }
}
