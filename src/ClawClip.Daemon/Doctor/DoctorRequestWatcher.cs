using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon.Doctor;

/// <summary>
/// Answers <c>clawclip doctor</c> from inside the daemon: it watches <c>.clawclip/requests/</c> (file notifications, so
/// it costs nothing while it waits), runs the checks in this process — whose environment is the one the agents get
/// theirs from — and writes the reply beside the request, which it then removes. One request at a time; files left by
/// a run that gave up are removed after <see cref="DoctorExchange.StaleAfter"/>.
/// </summary>
public sealed class DoctorRequestWatcher : IHostedService, IDisposable
{
    private readonly DoctorExchange exchange;
    private readonly Func<CancellationToken, Task<DoctorReport>> runChecks;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Channel<string> pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private FileSystemWatcher? watcher;
    private Task? answering;

    public DoctorRequestWatcher(DaemonPaths paths, DaemonOptions options, ILogger<DoctorRequestWatcher> logger, TimeProvider time)
        : this(
            DoctorExchange.For(paths),
            cancellationToken => new DoctorChecks(new DoctorContext { RepositoryRoot = paths.RepositoryRoot, Target = options.Target, CheckedBy = CheckedBy.Daemon, Variables = options.Variables.Get, Time = time }).RunAsync(cancellationToken),
            logger,
            time)
    {
    }

    internal DoctorRequestWatcher(DoctorExchange exchange, Func<CancellationToken, Task<DoctorReport>> runChecks, ILogger logger, TimeProvider time)
    {
        this.exchange = exchange;
        this.runChecks = runChecks;
        this.logger = logger;
        this.time = time;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(exchange.Folder);
        exchange.RemoveStale(time.GetUtcNow());
        watcher = new FileSystemWatcher(exchange.Folder) { NotifyFilter = NotifyFilters.FileName };
        watcher.Created += (_, e) => Enqueue(e.Name);
        watcher.Renamed += (_, e) => Enqueue(e.Name); // a request is written as a temporary file, then renamed into place
        watcher.EnableRaisingEvents = true;

        // Requests written before the watch began (the daemon started after `clawclip doctor` asked).
        foreach (var file in Directory.EnumerateFiles(exchange.Folder))
        {
            Enqueue(Path.GetFileName(file));
        }

        answering = Task.Run(() => AnswerAllAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        watcher?.Dispose();
        pending.Writer.TryComplete();
        await stopping.CancelAsync().ConfigureAwait(false);
        if (answering is not null)
        {
            await answering.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        watcher?.Dispose();
        stopping.Dispose();
    }

    private void Enqueue(string? name)
    {
        if (DoctorExchange.TryParseRequestName(name, out var id))
        {
            pending.Writer.TryWrite(id);
        }
    }

    private async Task AnswerAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var id in pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Seen twice (created and renamed), or withdrawn by a doctor that stopped waiting: nothing to answer.
                if (File.Exists(exchange.RequestPath(id)))
                {
                    await AnswerAsync(id, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the daemon stops
        }
    }

    private async Task AnswerAsync(string id, CancellationToken cancellationToken)
    {
        DoctorReply reply;
        try
        {
            exchange.ReadRequest(id);
            var report = await runChecks(cancellationToken).ConfigureAwait(false);
            reply = new DoctorReply(1, id, Environment.ProcessId, report, null);
            int failed = report.Count(CheckStatus.Fail), warned = report.Count(CheckStatus.Warn);
            DoctorLog.Answered(logger, id, failed, warned);
        }
        catch (DoctorExchangeException e)
        {
            DoctorLog.Refused(logger, e.Message);
            reply = new DoctorReply(1, id, Environment.ProcessId, null, $"the daemon could not read the request: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A check that throws must not take the daemon down; the doctor gets the reason and checks by itself.
            DoctorLog.ChecksFailed(logger, id, e);
            reply = new DoctorReply(1, id, Environment.ProcessId, null, $"the checks failed in the daemon: {e.GetType().Name}: {e.Message}");
        }

        try
        {
            exchange.WriteReply(reply);
            File.Delete(exchange.RequestPath(id));
            exchange.RemoveStale(time.GetUtcNow());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DoctorLog.Refused(logger, $"cannot write the reply in {exchange.Folder}: {e.Message}");
        }
    }
}
