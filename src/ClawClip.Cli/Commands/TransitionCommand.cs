using System.CommandLine;
using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Cli.Commands;

/// <summary><c>clawclip transition ID --to STATE --agent NAME --reason TEXT</c>, and <c>release ID</c>.</summary>
internal static class TransitionCommand
{
    public static Command Create()
    {
        var id = CommonOptions.TaskIdArgument();
        var to = new Option<string>("--to") { Description = "The state to move to.", Required = true };
        var agent = CommonOptions.Agent();
        var reason = new Option<string>("--reason") { Description = "Why, in a sentence.", Required = true };
        var policy = new Option<string>("--policy") { Description = "The rule that allows it (for the Policy trailer).", DefaultValueFactory = _ => "manual" };
        var expect = new Option<string?>("--expect") { Description = "Only move it if it is in this state now." };
        var cost = new Option<decimal?>("--cost-usd") { Description = "What the step cost." };
        var json = CommonOptions.Json();
        var command = new Command("transition", "Move a task to another state, as an agent, with a reason.") { id, to, agent, reason, policy, expect, cost, json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var store = repository.OpenStore(TimeProvider.System);
            var profile = AgentProfile.Load(repository, AgentId.Parse(parse.GetRequiredValue(agent)), null);
            var request = new TransitionRequest(
                TaskId.Parse(parse.GetRequiredValue(id)),
                TaskStateNames.Parse(parse.GetRequiredValue(to)),
                Actor.Agent(profile.Agent, profile.Tier),
                parse.GetRequiredValue(reason),
                parse.GetRequiredValue(policy))
            {
                ExpectedFrom = parse.GetValue(expect) is { } e ? TaskStateNames.Parse(e) : null,
                CostUsd = parse.GetValue(cost),
            };
            return Report(await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false), parse.GetValue(json));
        });
        return command;
    }

    public static Command CreateRelease()
    {
        var id = CommonOptions.TaskIdArgument();
        var reason = CommonOptions.Reason("released with `clawclip release`");
        var command = new Command("release", "Give a held task back to the backlog (by its holder, or a person).") { id, reason };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var store = CommonOptions.Repository(parse).OpenStore(TimeProvider.System);
            var taskId = TaskId.Parse(parse.GetRequiredValue(id));
            var task = await store.FindAsync(taskId, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException(ExitCodes.NotFound, $"{taskId}: no such task");
            if (!task.Status.IsHeld())
            {
                throw new CliException(ExitCodes.Conflict, $"{taskId} is {task.Status.Name()}, not held by anyone: nothing to release");
            }

            // The holder gives it back; the lineage names the holder as the one who let go.
            var actor = task.Holder is { } holder && AgentId.TryParse(holder, out var agent) ? Actor.Agent(agent, task.History[^1].Tier ?? Tier.Intern) : Actor.Human;
            var request = new TransitionRequest(taskId, TaskState.Backlog, actor, parse.GetRequiredValue(reason), "release.manual") { ExpectedFrom = task.Status };
            return Report(await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false), json: false);
        });
        return command;
    }

    private static int Report(TransitionResult result, bool json)
    {
        switch (result)
        {
            case TransitionResult.Moved moved:
                var e = moved.Task.History[^1];
                Console.WriteLine(json ? JsonOutput.Serialize(TaskView.Of(moved.Task)) : $"{moved.Task.Id} {e.From?.Name()} → {e.To.Name()}");
                return ExitCodes.Ok;
            case TransitionResult.WrongStatus wrong:
                Console.Error.WriteLine($"error: {wrong.Task} is {wrong.Actual.Name()}, not {wrong.Expected.Name()}: someone moved it first");
                return ExitCodes.Conflict;
            case TransitionResult.NotFound missing:
                Console.Error.WriteLine($"error: {missing.Task}: no such task");
                return ExitCodes.NotFound;
            default:
                throw new InvalidOperationException(result.ToString());
        }
    }
}
