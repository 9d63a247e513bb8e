using ClawClip.Core.Planning;

namespace ClawClip.Daemon;

/// <summary>The PM loop: every interval (30 minutes by default), and whenever a branch moves, compare ROADMAP.md on main with what was planned.</summary>
public sealed class PmJob : IDaemonJob
{
    private readonly RoadmapPlanner planner;

    public PmJob(RoadmapPlanner planner, TimeSpan interval)
    {
        this.planner = planner;
        Interval = interval;
    }

    public string Name => "pm";

    public TimeSpan Interval { get; }

    public Task RunAsync(CancellationToken cancellationToken) => planner.RunAsync(cancellationToken);

    public Task AfterStopAsync(CancellationToken cancellationToken) => Task.CompletedTask; // a plan cut short submitted nothing or whole tasks
}
