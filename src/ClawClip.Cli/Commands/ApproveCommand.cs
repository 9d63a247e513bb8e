using System.CommandLine;
using ClawClip.Core.Agents;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Protection;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.Daemon;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip approve ID</c>: a person lets work wait for them go to the merge queue: an intern's work QA approved, or
/// work whose change to protected paths the merge queue held (at any tier; its reason named the paths). The
/// lineage commit names the person as the one who decided. A running daemon is kicked and lands it at once.
/// </summary>
internal static class ApproveCommand
{
    public static Command Create()
    {
        var id = CommonOptions.TaskIdArgument();
        var reason = CommonOptions.Reason("approved by a person with `clawclip approve`");
        var command = new Command("approve", "Let work waiting for a person go to the merge queue: an intern's work QA approved, or a change to protected paths.") { id, reason };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var store = repository.OpenStore(TimeProvider.System);
            var taskId = TaskId.Parse(parse.GetRequiredValue(id));
            var task = await PersonMoves.FindAsync(store, taskId, cancellationToken).ConfigureAwait(false);
            if (task.Status != TaskState.NeedsInput || task.LastTransition.Policy is not (PipelinePolicies.InternNeedsApproval or ProtectionPolicies.ProtectedPath))
            {
                throw new CliException(ExitCodes.Conflict, $"{taskId} is {task.Status.Name()} and not waiting for a person's approval (only an intern's work QA approved, or work touching protected paths, does)");
            }

            var request = new TransitionRequest(taskId, TaskState.Merging, Actor.Human, parse.GetRequiredValue(reason), PipelinePolicies.PersonApproved) { ExpectedFrom = TaskState.NeedsInput };
            await PersonMoves.MoveAsync(store, request, cancellationToken).ConfigureAwait(false);
            return Done(repository, taskId);
        });
        return command;
    }

    // Stored first, then the daemon is kicked: it lands the task at once, even while a work pass keeps its agents busy.
    private static int Done(Repository repository, TaskId task)
    {
        Console.WriteLine(DaemonKick.Send(repository.Root)
            ? $"{task} approved: the daemon lands it now"
            : $"{task} approved: no daemon runs here, so it lands with the next `clawclip run --once` or `clawclip merge`");
        return ExitCodes.Ok;
    }
}
