namespace ClawClip.Daemon.Notifications;

/// <summary>
/// What happened on one day, as the daemon counts it from the task store and the lineage: the input of
/// <see cref="DailySummary"/>. Plain data, so the daemon fills it however it reads the day.
/// </summary>
/// <param name="Day">The day summed up (the daemon's local day).</param>
/// <param name="Done">Tasks that landed on main that day.</param>
/// <param name="Failed">Tasks that failed that day (gave up, or sent back for a human).</param>
/// <param name="CostUsd">What every agent run of the day cost, in USD.</param>
/// <param name="Promotions">Tier changes of the day, promotions and demotions.</param>
public sealed record DailyActivity(
    DateOnly Day,
    IReadOnlyList<DailyTask> Done,
    IReadOnlyList<DailyTask> Failed,
    decimal CostUsd,
    IReadOnlyList<TierChange> Promotions);
