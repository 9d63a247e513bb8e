using ClawClip.Core.Pipeline;

namespace ClawClip.Daemon;

/// <summary>The work loop: reap expired leases, take up held work, claim, dev → checks → QA, merge — until idle.</summary>
public sealed class WorkJob : IDaemonJob
{
    private readonly PipelineRunner runner;

    public WorkJob(PipelineRunner runner, TimeSpan interval)
    {
        this.runner = runner;
        Interval = interval;
    }

    public string Name => "work";

    public TimeSpan Interval { get; }

    public Task RunAsync(CancellationToken cancellationToken) => runner.RunUntilIdleAsync(cancellationToken);

    public Task AfterStopAsync(CancellationToken cancellationToken) =>
        runner.ReleaseHeldAsync("the daemon stopped while its agent worked on it, and the stop timeout ran out; the agent's session is kept for the retry", cancellationToken);
}
