using System.CommandLine;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip run --once</c>: takes the backlog through the pipeline with the configured agents — claim, dev in
/// its worktree, the checks, review, the merge queue — until nothing is left to do, printing each step. It reads
/// its configuration as committed on the target branch, and starts nothing without a working sandbox unless that
/// configuration says <c>sandbox: off</c>.
/// </summary>
internal static class RunCommand
{
    /// <param name="machineSandbox">What confines agents, checks and the gate with the sandbox on; null: this machine's (<see cref="Sandboxes.ForThisMachine"/>).</param>
    public static Command Create(ISandbox? machineSandbox = null)
    {
        var once = new Option<bool>("--once") { Description = "Work until nothing is left to do, then exit (the daemon is for running all day).", Required = true };
        var target = new Option<string>("--target") { Description = "The branch tasks start from and land on.", DefaultValueFactory = _ => "main" };
        var runTimeout = new Option<string?>("--run-timeout") { Description = "Wall time per agent run before it is killed (90s, 30m); default: the agent's lease." };
        var checkTimeout = new Option<string>("--check-timeout") { Description = "How long each build or test command may run.", DefaultValueFactory = _ => "30m" };
        var maxParallel = CommonOptions.MaxParallel();
        var json = CommonOptions.Json();
        var command = new Command("run", "Take backlog tasks through dev → checks → QA → merge with the configured agents.") { once, target, runTimeout, checkTimeout, maxParallel, json };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var parallel = CommonOptions.ParseMaxParallel(parse.GetValue(maxParallel));
            var composition = await PipelineComposition.LoadAsync(repository, parse.GetRequiredValue(target), machineSandbox, cancellationToken).ConfigureAwait(false);
            await composition.RequireWorkingSandboxAsync(cancellationToken).ConfigureAwait(false);
            var store = await repository.OpenStoreForRunnersAsync(composition.Config.Sandbox, cancellationToken).ConfigureAwait(false);
            var team = await TeamLoader.LoadAsync(repository, composition.Committed, composition.Processes, Environment.GetEnvironmentVariable, cancellationToken).ConfigureAwait(false);
            if (!team.Devs.Any())
            {
                throw new CliException(ExitCodes.InvalidData, "agents/: no agent has role: dev, so nobody can take a task");
            }

            var asJson = parse.GetValue(json);
            var settings = composition.Settings(parse.GetRequiredValue(target), parse.GetValue(runTimeout) is { } t ? CommonOptions.ParseDuration(t) : null, parallel);
            var runner = composition.Runner(repository, store, team, settings, CommonOptions.ParseDuration(parse.GetRequiredValue(checkTimeout)), new ConsoleObserver(quiet: asJson));
            var report = await runner.RunUntilIdleAsync(cancellationToken).ConfigureAwait(false);
            await store.FlushLineageAsync(cancellationToken).ConfigureAwait(false);
            if (asJson)
            {
                Console.WriteLine(JsonOutput.Serialize(new
                {
                    passes = report.Passes,
                    stopped = report.Stopped?.Reason,
                    tasks = report.Touched.OrderBy(t => t.Key.Number).Select(t => new { id = t.Key.Value, status = t.Value.Name() }),
                }));
            }
            else
            {
                Console.WriteLine(report.Touched.Count == 0 ? "nothing to do" : string.Join('\n', report.Touched.OrderBy(t => t.Key.Number).Select(t => $"{t.Key}  {t.Value.Name()}")));
            }

            if (report.Stopped is { } stop)
            {
                Console.Error.WriteLine($"stopped: an emergency stop is in force ({stop.Reason}); `clawclip resume` lifts it");
                return ExitCodes.Stopped;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed class ConsoleObserver(bool quiet) : IPipelineObserver
    {
        public void Noted(TaskId task, string message) => Said($"{task}  {message}");

        public void Said(string message)
        {
            if (!quiet)
            {
                Console.WriteLine(message);
            }
        }
    }
}
