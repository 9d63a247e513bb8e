using System.Globalization;
using System.Text;
using ClawClip.Daemon.Notifications;
using ClawClip.State;

namespace ClawClip.Daemon;

/// <summary>
/// Sends the day's summary (done, failed, cost, tier changes) once a day, at the first run after its local time. It
/// covers everything since the previous summary (the 24 hours before, the first time; a week at most after a long
/// outage), so nothing is counted twice or missed. When it was last sent is kept in
/// <see cref="DaemonPaths.DailySummaryFile"/>: a restart does not send it again, and a daemon that was down at the
/// time sends it when it comes back.
/// </summary>
public sealed class DailySummaryJob : IDaemonJob
{
    private static readonly TimeSpan LongestSpan = TimeSpan.FromDays(7);

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

    /// <summary>It only looks at the clock, and reads the tasks when the summary is due.</summary>
    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetLocalNow();
        var today = DateOnly.FromDateTime(now.DateTime);
        var due = new DateTimeOffset(today.ToDateTime(at), now.Offset);
        var last = LastSent();
        if (now < due || last >= due)
        {
            return;
        }

        var since = last is { } previous && previous > now - LongestSpan ? previous : now - (last is null ? TimeSpan.FromDays(1) : LongestSpan);
        var day = await activity.ReadAsync(today, since, now, cancellationToken).ConfigureAwait(false);
        await notifier.NotifyAsync(DailySummary.Build(day, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        Remember(now);
    }

    public Task AfterStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Remember(DateTimeOffset sent) =>
        AtomicFiles.Write(sentFile, Encoding.UTF8.GetBytes(sent.ToString("O", CultureInfo.InvariantCulture) + "\n"));

    // A missing or unreadable file means never sent: at worst one summary too many, never one lost.
    private DateTimeOffset? LastSent() =>
        File.Exists(sentFile) && DateTimeOffset.TryParseExact(File.ReadAllText(sentFile).Trim(), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var sent)
            ? sent
            : null;
}
