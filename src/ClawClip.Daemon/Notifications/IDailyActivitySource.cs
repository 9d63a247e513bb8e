namespace ClawClip.Daemon.Notifications;

/// <summary>Reads what happened between two instants, for the daily summary.</summary>
public interface IDailyActivitySource
{
    /// <summary>Tasks done and failed, the cost of every run, and tier changes in [<paramref name="start"/>, <paramref name="until"/>).</summary>
    Task<DailyActivity> ReadAsync(DateOnly day, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken);
}
