namespace ClawClip.Daemon;

/// <summary>One of the daemon's loops: the work (reap, dispatch, review, merge), or the PM reading the roadmap.</summary>
public interface IDaemonJob
{
    /// <summary>The job's name in logs.</summary>
    string Name { get; }

    /// <summary>How long the job waits between runs when nothing wakes it.</summary>
    TimeSpan Interval { get; }

    /// <summary>Runs the job once. <paramref name="cancellationToken"/> is canceled when the daemon's stop timeout runs out.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>After the job was canceled by a stop: put right what it left (tasks held by agents that were killed).</summary>
    Task AfterStopAsync(CancellationToken cancellationToken);
}
