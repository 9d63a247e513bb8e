using System.CommandLine;
using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.Daemon;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip retry ID --reason TEXT</c>: a person sends a failed or needs-input task back to the backlog, with its
/// history and its branch (the work so far), for one more attempt: attempts keep counting, so the retried task gets
/// the next one, and a run that fails it again fails the task again. The lineage commit is the person's.
/// </summary>
internal static class RetryCommand
{
    public static Command Create()
    {
        var id = CommonOptions.TaskIdArgument();
        var reason = new Option<string>("--reason") { Description = "Why it is worth another attempt, in a sentence: it becomes the lineage commit's body and the dev reads it.", Required = true };
        var command = new Command("retry", "Send a failed or needs-input task back to the backlog for one more attempt, with its history and its branch.") { id, reason };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var store = repository.OpenStore(TimeProvider.System);
            var taskId = TaskId.Parse(parse.GetRequiredValue(id));
            var task = await PersonMoves.FindAsync(store, taskId, cancellationToken).ConfigureAwait(false);
            if (task.Status is not (TaskState.Failed or TaskState.NeedsInput))
            {
                throw new CliException(ExitCodes.Conflict, $"{taskId} is {task.Status.Name()}: only a failed or needs-input task can be retried");
            }

            var why = parse.GetRequiredValue(reason);
            var request = new TransitionRequest(taskId, TaskState.Backlog, Actor.Human, $"retried by a person: {why.Trim().TrimEnd('.')}. Attempt {task.Attempt + 1} comes next (it was {task.Attempt} of {task.Definition.MaxAttempts}); the work so far stays on task/{taskId}.", PipelinePolicies.PersonRetry)
            {
                ExpectedFrom = task.Status,
            };
            await PersonMoves.MoveAsync(store, request, cancellationToken).ConfigureAwait(false);
            return Done(repository, taskId, task.Status);
        });
        return command;
    }

    // Stored first, then the daemon is kicked: it takes the task up at once, even while a work pass runs.
    private static int Done(Repository repository, TaskId task, TaskState was)
    {
        Console.WriteLine(DaemonKick.Send(repository.Root)
            ? $"{task} {was.Name()} → backlog: the daemon takes it up now"
            : $"{task} {was.Name()} → backlog: no daemon runs here, so the next `clawclip run --once` takes it up");
        return ExitCodes.Ok;
    }
}
