using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ClawClip.Daemon;
using ClawClip.Daemon.Doctor;

namespace ClawClip.Cli.Commands;

/// <summary>
/// <c>clawclip doctor</c>: git, the sandbox, the repository, each agent's CLI and headless login, write access to <c>state/</c>, free
/// disk; each failure with its fix. When a daemon runs for the repository the checks run inside it, since its
/// environment is the one its agents get theirs from; this command asks it through a request file and prints its answer.
/// When none runs, or it does not answer in time, the checks run here, and the output says so.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for a running daemon's answer before checking here instead.", DefaultValueFactory = _ => "30s" };
        var target = new Option<string>("--target") { Description = "The branch work lands on (when no daemon answers; a daemon checks its own).", DefaultValueFactory = _ => "main" };
        var envFile = new Option<string?>("--env-file") { Description = "The env file the daemon is (or will be) started with: its variables are added to this shell's, as the daemon adds them (when no daemon answers)." };
        var command = new Command("doctor", "Check git, the sandbox, the repository, each agent's CLI and login, state/ and free disk; inside the running daemon when there is one.") { json, timeout, target, envFile };
        command.OnRun(async (parse, cancellationToken) =>
        {
            var root = RepositoryRoot(parse);
            var file = parse.GetValue(envFile);
            var variables = Variables(file);
            var wait = CommonOptions.ParseDuration(parse.GetRequiredValue(timeout));
            var paths = new DaemonPaths(root);
            DoctorReport? report = null;
            string? note = null;
            if (RunningDaemon.Find(paths) is { } pid)
            {
                (report, note) = await AskDaemonAsync(paths, pid, wait, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                note = $"no daemon runs for {root}";
            }

            if (report is not null && file is not null)
            {
                note += $"; {file} was not read: the running daemon checked the environment it has";
            }

            report ??= await new DoctorChecks(new DoctorContext { RepositoryRoot = root, Target = parse.GetRequiredValue(target), CheckedBy = CheckedBy.Command, Variables = variables, EnvironmentFile = file })
                .RunAsync(cancellationToken).ConfigureAwait(false);
            Console.Write(parse.GetValue(json) ? Json(report, note) : Text(report, note, file));
            return report.HasFailures ? ExitCodes.ChecksFailed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// This shell's environment with <paramref name="file"/>'s variables on top, as <c>clawclip daemon --env-file</c>
    /// hands them to its agents. A file that cannot be read is exit 7, naming the file and line.
    /// </summary>
    private static Func<string, string?> Variables(string? file)
    {
        try
        {
            return (file is null ? DaemonVariables.FromProcess : DaemonVariables.WithFile(file)).Get;
        }
        catch (FormatException e)
        {
            throw new CliException(ExitCodes.InvalidData, e.Message);
        }
    }

    /// <summary>The repository's root; a folder outside any git repository is still checked (the repository check then fails with its fix).</summary>
    private static string RepositoryRoot(ParseResult parse)
    {
        try
        {
            return CommonOptions.Repository(parse).Root;
        }
        catch (CliException e) when (e.ExitCode == ExitCodes.NotInitialized)
        {
            return Path.GetFullPath(parse.GetValue(CommonOptions.Repo) ?? Directory.GetCurrentDirectory());
        }
    }

    /// <summary>The daemon's report, or null and why there is none (then the checks run here).</summary>
    private static async Task<(DoctorReport? Report, string Note)> AskDaemonAsync(DaemonPaths paths, int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exchange = DoctorExchange.For(paths);
        var id = DoctorExchange.NewId();
        var replyName = Path.GetFileName(exchange.ReplyPath(id));
        Directory.CreateDirectory(exchange.Folder);
        using var arrived = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(exchange.Folder) { NotifyFilter = NotifyFilters.FileName };
        watcher.Renamed += (_, e) =>
        {
            if (e.Name == replyName)
            {
                arrived.Release();
            }
        };
        watcher.EnableRaisingEvents = true;
        exchange.WriteRequest(new DoctorRequest(1, id, Environment.ProcessId, DateTimeOffset.UtcNow));
        var started = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                DoctorReply? reply;
                try
                {
                    // Once more after the daemon is found dead: it may have answered just before it stopped.
                    reply = exchange.TryReadReply(id) ?? (RunningDaemon.IsAlive(pid) ? null : exchange.TryReadReply(id));
                }
                catch (DoctorExchangeException e)
                {
                    return (null, $"the daemon (pid {pid}) gave an unusable reply: {e.Message}");
                }

                if (reply is { Report: { } report })
                {
                    return (report, $"checked inside the daemon (pid {reply.Pid})");
                }

                if (reply is { Error: { } error })
                {
                    return (null, $"the daemon (pid {pid}) did not run the checks: {error}");
                }

                if (!RunningDaemon.IsAlive(pid))
                {
                    return (null, $"the daemon (pid {pid}) stopped before it answered");
                }

                var left = timeout - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    return (null, $"the daemon (pid {pid}) did not answer within {timeout.TotalSeconds:0} s");
                }

                // Woken by the reply's rename; the bound only rechecks that the daemon is still alive.
                await arrived.WaitAsync(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            exchange.Remove(id);
        }
    }

    private static string Text(DoctorReport report, string? note, string? envFile)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(report.CheckedBy == CheckedBy.Daemon
            ? $"checked inside the daemon (pid {report.Pid}), in the environment its agents get theirs from" + (envFile is null ? string.Empty : $" ({envFile} was not read)")
            : envFile is not null
                ? $"{note}: checked by this clawclip process (pid {report.Pid}), in this shell's environment with the variables of {envFile} added, as `clawclip daemon --env-file {envFile}` has them; a service's PATH may still differ"
                : $"{note}: checked by this clawclip process (pid {report.Pid}), in this shell's environment; a daemon's may differ (its --env-file, its service's PATH)");
        foreach (var result in report.Results)
        {
            var subject = result.Agent is null ? result.Check : $"{result.Check} {result.Agent}";
            text.AppendLine($"{Label(result.Status),-4}  {subject}: {result.Finding}");
            if (result.Fix is { } fix)
            {
                text.AppendLine($"      fix: {fix}");
            }
        }

        text.AppendLine($"{report.Count(CheckStatus.Fail)} failed, {report.Count(CheckStatus.Warn)} warned, {report.Count(CheckStatus.Ok)} ok");
        return text.ToString();
    }

    private static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warn => "warn",
        _ => "FAIL",
    };

    private static string Json(DoctorReport report, string? note) =>
        JsonSerializer.Serialize(
            new
            {
                report.Schema,
                report.CheckedBy,
                report.Pid,
                report.CheckedAt,
                Note = note,
                Failed = report.Count(CheckStatus.Fail),
                Warned = report.Count(CheckStatus.Warn),
                report.Results,
            },
            DoctorJson.Options) + Environment.NewLine;
}
