using System.CommandLine;
using ClawClip.Agents;
using ClawClip.Core.Merging;
using ClawClip.Core.Policies;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip merge</c>: runs the merge queue once. Every task in merging is rebased on the target and
/// gated with the build and test commands of <c>clawclip.yaml</c> as committed on the target; it lands, or goes back to its dev. The queue
/// settles what it lands as the work pass does: the dev's trust, the task's worktree and branch.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "The branch to land on.", DefaultValueFactory = _ => "main" };
        var timeout = new Option<string>("--gate-timeout") { Description = "How long each gate command may run (90s, 30m).", DefaultValueFactory = _ => "30m" };
        var json = CommonOptions.Json();
        var command = new Command("merge", "Land the tasks waiting in merging: rebase on the target, run the gate from clawclip.yaml, fast-forward only what passes.") { target, timeout, json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var composition = await PipelineComposition.LoadAsync(repository, parse.GetRequiredValue(target), machineSandbox: null, cancellationToken).ConfigureAwait(false);
            await composition.RequireWorkingSandboxAsync(cancellationToken).ConfigureAwait(false);
            var store = repository.OpenStore(TimeProvider.System, sandboxed: composition.Config.Sandbox);
            var queue = composition.MergeQueue(repository, store, parse.GetRequiredValue(target), CommonOptions.ParseDuration(parse.GetRequiredValue(timeout)));
            var results = await queue.RunOnceAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonOutput.Serialize(results.Select(r => new { task = r.Task.Value, outcome = Describe(r.Outcome) })));
            }
            else
            {
                Console.WriteLine(results.Count == 0 ? "nothing to merge (or another process is merging)" : string.Join('\n', results.Select(r => $"{r.Task}  {Describe(r.Outcome)}")));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(MergeOutcome outcome) => outcome switch
    {
        MergeOutcome.Merged m => $"merged as {m.Commit[..10]}",
        MergeOutcome.Conflict c => $"conflict in {string.Join(", ", c.Files)}: back to its dev",
        MergeOutcome.GateFailed g => $"`{g.Command}` exited {g.ExitCode}: back to its dev",
        MergeOutcome.NothingToLand n => $"adds nothing to {n.Target[..10]}: back to its dev",
        MergeOutcome.TargetBusy b => $"not now: {b.Reason}",
        _ => outcome.ToString(),
    };
}
