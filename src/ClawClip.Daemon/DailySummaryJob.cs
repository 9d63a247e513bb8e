using System.Globalization;
using System.Text;
using ClawClip.Daemon.Notifications;

namespace ClawClip.Daemon;

/// <summary>
/// Sends the day's summary (done, failed, cost, tier changes) once a day at its local time, covering the 24 hours
/// before it. The day it last sent is kept in <see cref="DaemonPaths.DailySummaryFile"/>, so a restart after the
/// time does not send it twice, and a daemon that was down at the time sends it when it comes back that day.
/// </summary>
public sealed class DailySummaryJob : IDaemonJob
{
    private readonly IDailyActivitySource activity;
    private readonly INotifier notifier;
    private readonly TimeOnly at;
    private readonly string sentFile;
    private readonly TimeProvider time;

    public DailySummaryJob(IDailyActivitySource activity, INotifier notifier, TimeOnly at, string sentFile, TimeProvider time)
    {
        this.activity = activity;
        this.notifier = notifier;
        this.at = at;
        this.sentFile = sentFile;
        this.time = time;
    }

    public string Name => "daily-summary";

    /// <summary>It only looks at the clock, and reads the day's tasks when the summary is due.</summary>
    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetLocalNow();
        var today = DateOnly.FromDateTime(now.DateTime);
        if (TimeOnly.FromDateTime(now.DateTime) < at || LastSent() >= today)
        {
            return;
        }

        var due = new DateTimeOffset(today.ToDateTime(at), now.Offset);
        var day = await activity.ReadAsync(today, due.AddDays(-1), due, cancellationToken).ConfigureAwait(false);
        await notifier.NotifyAsync(DailySummary.Build(day, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        Remember(today);
    }

    public Task AfterStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Remember(DateOnly day)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(sentFile)!);
        var temporary = sentFile + ".tmp";
        File.WriteAllText(temporary, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "\n", Encoding.UTF8);
        File.Move(temporary, sentFile, overwrite: true);
    }

    // A missing or unreadable file means never sent: at worst one summary too many, never one lost.
    private DateOnly LastSent() =>
        File.Exists(sentFile) && DateOnly.TryParseExact(File.ReadAllText(sentFile).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : DateOnly.MinValue;
}
