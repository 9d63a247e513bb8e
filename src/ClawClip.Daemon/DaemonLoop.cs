using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon;

/// <summary>
/// Runs each job in its own loop: now, then after its interval or when woken. On stop (SIGTERM), a running job gets
/// <see cref="DaemonOptions.StopTimeout"/> to finish; then it is canceled — its agents killed with their processes —
/// and asked to put right what it left. A job that throws is logged and runs again next time: the daemon's own bugs
/// do not stop it.
/// </summary>
public sealed partial class DaemonLoop : BackgroundService
{
    private readonly IReadOnlyList<IDaemonJob> jobs;
    private readonly Wakeup wakeup;
    private readonly DaemonOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<DaemonLoop> logger;

    public DaemonLoop(IReadOnlyList<IDaemonJob> jobs, Wakeup wakeup, DaemonOptions options, TimeProvider time, ILogger<DaemonLoop> logger)
    {
        this.jobs = jobs;
        this.wakeup = wakeup;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The jobs' own token outlives the stop request by the stop timeout, so running agents can finish.
        using var work = new CancellationTokenSource();
        await using var grace = stoppingToken.Register(() =>
        {
            LogStopping(options.StopTimeout);
            work.CancelAfter(options.StopTimeout);
        });
        await Task.WhenAll(jobs.Select(job => RunLoopAsync(job, stoppingToken, work.Token))).ConfigureAwait(false);
    }

    private async Task RunLoopAsync(IDaemonJob job, CancellationToken stoppingToken, CancellationToken workToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var ticket = wakeup.Ticket;
            try
            {
                await job.RunAsync(workToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (workToken.IsCancellationRequested)
            {
                LogStopTimeout(job.Name, options.StopTimeout);
                await AfterStopAsync(job).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogJobFailed(e, job.Name);
            }

            try
            {
                await Wakeup.WaitAsync(ticket, job.Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task AfterStopAsync(IDaemonJob job)
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30), time);
            await job.AfterStopAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogJobFailed(e, job.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "stop asked for: no new work starts; running agents have {StopTimeout} to finish")]
    private partial void LogStopping(TimeSpan stopTimeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} was still running {StopTimeout} after the stop request: canceled")]
    private partial void LogStopTimeout(string job, TimeSpan stopTimeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; it runs again at its next turn")]
    private partial void LogJobFailed(Exception exception, string job);
}
