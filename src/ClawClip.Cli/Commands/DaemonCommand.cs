using System.CommandLine;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Escalation;
using ClawClip.Core.Policies;
using ClawClip.Daemon;
using ClawClip.Daemon.Notifications;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;
using ClawClip.State;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip daemon</c>: the orchestration all day — reap, dispatch, review, merge — under launchd or systemd, one per
/// repository. Agents are spawned by this process, so they get its session (under launchd: the login keychain).
/// <c>clawclip kick</c> asks it to run its loops now.
/// </summary>
internal static class DaemonCommand
{
    public static Command Create()
    {
        var interval = new Option<string>("--interval") { Description = "How often the work loop looks for work when nothing wakes it.", DefaultValueFactory = _ => "30s" };
        var pmInterval = new Option<string>("--pm-interval") { Description = "How often the PM reads ROADMAP.md on main when no branch moved.", DefaultValueFactory = _ => "30m" };
        var stopTimeout = new Option<string>("--stop-timeout") { Description = "On SIGTERM, how long running agents may finish before they are killed and their tasks released.", DefaultValueFactory = _ => "60s" };
        var target = new Option<string>("--target") { Description = "The branch tasks start from and land on.", DefaultValueFactory = _ => "main" };
        var runTimeout = new Option<string?>("--run-timeout") { Description = "Wall time per agent run (default: the agent's lease)." };
        var checkTimeout = new Option<string>("--check-timeout") { Description = "How long each build or test command may run.", DefaultValueFactory = _ => "30m" };
        var escalationInterval = new Option<string>("--escalation-interval") { Description = "How often tasks waiting on a person or past their estimate are looked for and escalated.", DefaultValueFactory = _ => "1m" };
        var needsInputAfter = new Option<string>("--needs-input-after") { Description = "How long a task may wait on a person in needs-input before it is escalated.", DefaultValueFactory = _ => "30m" };
        var envFile = new Option<string?>("--env-file") { Description = "KEY=value lines to add to the daemon's environment (secrets a LaunchAgent plist must not hold)." };
        var maxParallel = CommonOptions.MaxParallel();
        var command = new Command("daemon", "Run the agents all day: plan from ROADMAP.md, reap, dispatch, review and merge, until SIGTERM.") { interval, pmInterval, stopTimeout, target, runTimeout, checkTimeout, escalationInterval, needsInputAfter, envFile, maxParallel };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var repository = CommonOptions.Repository(parse);
            var parallel = CommonOptions.ParseMaxParallel(parse.GetValue(maxParallel));
            if (parse.GetValue(envFile) is { } file)
            {
                try
                {
                    // Before the team is loaded: agents see the variables their files name, from here as from anywhere.
                    foreach (var (name, value) in EnvironmentFile.Read(file))
                    {
                        Environment.SetEnvironmentVariable(name, value);
                    }
                }
                catch (FormatException e)
                {
                    throw new CliException(ExitCodes.InvalidData, e.Message);
                }
            }

            var store = await repository.OpenStoreForRunnersAsync(cancellationToken).ConfigureAwait(false);
            var composition = PipelineComposition.Load(repository);
            var team = TeamLoader.Load(repository, Sandboxes.ForThisMachine());
            var settings = composition.Settings(parse.GetRequiredValue(target), parse.GetValue(runTimeout) is { } t ? CommonOptions.ParseDuration(t) : null, parallel);
            var checks = CommonOptions.ParseDuration(parse.GetRequiredValue(checkTimeout));
            var notifications = composition.Config.Notifications;
            var paths = new DaemonPaths(repository.Root);
            var options = new DaemonOptions(CommonOptions.ParseDuration(parse.GetRequiredValue(interval)), CommonOptions.ParseDuration(parse.GetRequiredValue(stopTimeout)))
            {
                Target = settings.Target,
                Webhook = Webhook(notifications.WebhookUrlVariable),
            };
            try
            {
                await DaemonHost.RunAsync(
                    paths,
                    options,
                    context =>
                    [
                        new PmJob(composition.Planner(repository, store, team, settings, context.Observer, context.Alerts), CommonOptions.ParseDuration(parse.GetRequiredValue(pmInterval))),
                        new WorkJob(composition.Runner(repository, store, team, settings, checks, context.Observer, context.Alerts, context.Nudges), options.Interval, context.Stopping),
                        new EscalationJob(PipelineComposition.Escalator(repository, store, team, EscalationSettings.Default with { NeedsInputAfter = CommonOptions.ParseDuration(parse.GetRequiredValue(needsInputAfter)) }, context.Alerts, context.Observer), CommonOptions.ParseDuration(parse.GetRequiredValue(escalationInterval))),
                        .. DailySummary(notifications, repository, store, context, paths),
                    ],
                    cancellationToken).ConfigureAwait(false);
            }
            catch (DaemonAlreadyRunningException e)
            {
                throw new CliException(ExitCodes.Conflict, e.Message);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // The URL comes from the environment (or --env-file), never from a committed file; it is never printed.
    private static WebhookOptions? Webhook(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } url)
        {
            return null;
        }

        try
        {
            return WebhookOptions.FromUrl(url);
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.InvalidData, $"{variable}: {e.Message}");
        }
    }

    private static IEnumerable<IDaemonJob> DailySummary(NotificationSettings notifications, Repository repository, FileStateStore store, DaemonContext context, DaemonPaths paths)
    {
        if (notifications.DailySummaryAt is { } at)
        {
            yield return new DailySummaryJob(new StateDailyActivity(store, new LineageLog(repository.Git)), context.Notifier, at, paths.DailySummaryFile, TimeProvider.System);
        }
    }

    public static Command CreateKick()
    {
        var command = new Command("kick", "Ask the running daemon to run its loops now.");
        command.OnRun((parse, _) =>
        {
            var running = DaemonKick.Send(CommonOptions.Repository(parse).Root);
            Console.WriteLine(running ? "kicked: the daemon runs its loops now" : "kicked: no daemon runs here now; one that starts runs its loops at once");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
