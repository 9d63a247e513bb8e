using ClawClip.Core.Pipeline;

namespace ClawClip.Daemon;

/// <summary>The work loop: reap expired leases, take up held work, claim, dev → checks → QA, merge — until idle.</summary>
public sealed class WorkJob : IDaemonJob
{
    private readonly PipelineRunner runner;
    private readonly CancellationToken stopping;

    /// <param name="runner">The passes.</param>
    /// <param name="interval">How often it looks for work when nothing woke it.</param>
    /// <param name="stopping">Signaled on SIGTERM: no task is claimed or taken up from then on; running agents carry on for the stop timeout.</param>
    public WorkJob(PipelineRunner runner, TimeSpan interval, CancellationToken stopping)
    {
        this.runner = runner;
        Interval = interval;
        this.stopping = stopping;
    }

    public string Name => "work";

    public TimeSpan Interval { get; }

    public Task RunAsync(CancellationToken cancellationToken) => runner.RunUntilIdleAsync(stopping, cancellationToken);

    public Task AfterStopAsync(CancellationToken cancellationToken) =>
        runner.ReleaseHeldAsync("the daemon stopped while its agent worked on it, and the stop timeout ran out; the agent's session is kept for the retry", cancellationToken);
}
