using System.CommandLine;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Tasks;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip run --once</c>: takes the backlog through the pipeline with the configured agents — claim, dev in
/// its worktree, the checks, review, the merge queue — until nothing is left to do, printing each step.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
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
            var store = await repository.OpenStoreForRunnersAsync(cancellationToken).ConfigureAwait(false);
            var composition = PipelineComposition.Load(repository);
            var team = TeamLoader.Load(repository, Sandboxes.ForThisMachine());
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
