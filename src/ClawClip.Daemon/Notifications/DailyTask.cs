using ClawClip.Core.Tasks;

namespace ClawClip.Daemon.Notifications;

/// <summary>A task as the daily summary lists it.</summary>
public sealed record DailyTask(TaskId Id, string Title);
