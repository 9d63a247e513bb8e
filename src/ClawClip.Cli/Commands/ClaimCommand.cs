using System.CommandLine;
using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Cli.Commands;

/// <summary><c>clawclip claim --agent NAME</c>: the best backlog task that agent can do, or exit code 3.</summary>
internal static class ClaimCommand
{
    public static Command Create()
    {
        var agent = CommonOptions.Agent();
        var task = new Option<string?>("--task") { Description = "Claim this task rather than the best one." };
        var skills = new Option<string[]>("--skill") { Description = "The agent's skills, overriding agents/NAME.yaml (repeat for several)." };
        var lease = new Option<string?>("--lease") { Description = "How long the claim lasts (90s, 30m, 2h); default: the agent's tier." };
        var json = CommonOptions.Json();
        var command = new Command("claim", "Claim the highest-priority backlog task the agent has the skills for.") { agent, task, skills, lease, json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var store = repository.OpenStore(TimeProvider.System);
            var profile = AgentProfile.Load(repository, AgentId.Parse(parse.GetRequiredValue(agent)), parse.GetValue(skills));
            var request = new ClaimRequest(profile.Agent, profile.Skills, profile.Tier);
            if (parse.GetValue(lease) is { } leaseText)
            {
                request = request with { LeaseLength = CommonOptions.ParseDuration(leaseText) };
            }

            var result = parse.GetValue(task) is { } id
                ? await store.TryClaimAsync(TaskId.Parse(id), request, cancellationToken).ConfigureAwait(false)
                : await store.ClaimNextAsync(request, cancellationToken).ConfigureAwait(false);
            switch (result)
            {
                case ClaimResult.Claimed claimed:
                    Console.WriteLine(parse.GetValue(json) ? JsonOutput.Serialize(TaskView.Of(claimed.Task)) : claimed.Task.Id.Value);
                    return ExitCodes.Ok;
                case ClaimResult.Stopped stopped:
                    Console.Error.WriteLine($"claims are refused: emergency stop by {stopped.Stop.By} since {stopped.Stop.At:u}: {stopped.Stop.Reason} (lift it with `clawclip resume`)");
                    return ExitCodes.Stopped;
                case ClaimResult.AlreadyClaimed already:
                    Console.Error.WriteLine($"{already.Task} cannot be claimed by {profile.Agent}: it is not in the backlog, is held by another process, or waits on skills or dependencies");
                    return ExitCodes.Conflict;
                default:
                    Console.Error.WriteLine($"nothing to claim for {profile.Agent} (skills: {(profile.Skills.Count == 0 ? "none" : string.Join(", ", profile.Skills.Order()))})");
                    return ExitCodes.NothingToClaim;
            }
        });
        return command;
    }
}
