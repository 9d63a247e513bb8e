using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Daemon.Notifications;
using ClawClip.Daemon.Tests.Support;

namespace ClawClip.Daemon.Tests.Jobs;

public sealed class DailySummaryJobTests : IDisposable
{
    // Two hours east of UTC, so that the local day and the UTC day differ in the evening.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");
    private static readonly TimeOnly SixPm = new(18, 0);

    private readonly TemporaryFolder folder = new();
    private readonly RecordingSource source = new();
    private readonly RecordingNotifier notifier = new();
    private readonly ZonedClock clock = new(Zone);

    public void Dispose() => folder.Dispose();

    private string SentFile => Path.Combine(folder.Root, ".clawclip", "daily-summary-sent");

    private DailySummaryJob Job() => new(source, notifier, SixPm, SentFile, clock);

    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task RunAsync_BeforeItsTime_SendsNothing()
    {
        clock.Now = Local(22, 17, 59);

        await Job().RunAsync(CancellationToken.None);

        Assert.Empty(notifier.Sent);
        Assert.Empty(source.Asked);
    }

    [Fact]
    public async Task RunAsync_AtItsTime_TheFirstTime_SendsTheSummaryOfThe24HoursBefore()
    {
        clock.Now = Local(22, 18, 0);
        source.Activity = new DailyActivity(new DateOnly(2026, 11, 22), [new DailyTask(TaskId.Parse("T-0007"), "Add login")], [], 1.25m, []);

        await Job().RunAsync(CancellationToken.None);

        var summary = Assert.Single(notifier.Sent);
        Assert.Equal(NotificationKind.DailySummary, summary.Kind);
        Assert.Equal("Daily summary for 2026-11-22", summary.Title);
        Assert.Contains("T-0007 Add login", summary.Text, StringComparison.Ordinal);
        Assert.Equal([(new DateOnly(2026, 11, 22), Local(21, 18), Local(22, 18))], source.Asked);
    }

    [Fact]
    public async Task RunAsync_EachSummary_StartsWhereThePreviousOneEnded()
    {
        clock.Now = Local(22, 18, 5);
        await Job().RunAsync(CancellationToken.None);

        clock.Now = Local(23, 18, 2);
        await Job().RunAsync(CancellationToken.None);

        Assert.Equal((Local(22, 18, 5), Local(23, 18, 2)), (source.Asked[1].Start, source.Asked[1].Until));
    }

    [Fact]
    public async Task RunAsync_AfterAWeekDown_CoversTheLastWeekOnly()
    {
        clock.Now = Local(1, 18, 0);
        await Job().RunAsync(CancellationToken.None);

        clock.Now = Local(22, 18, 0);
        await Job().RunAsync(CancellationToken.None);

        Assert.Equal(Local(15, 18, 0), source.Asked[1].Start);
    }

    [Fact]
    public async Task RunAsync_AgainTheSameDay_EvenAfterARestart_SendsItOnce()
    {
        clock.Now = Local(22, 18, 30);
        await Job().RunAsync(CancellationToken.None);

        clock.Now = Local(22, 23, 59);
        await Job().RunAsync(CancellationToken.None); // a new job over the same file: what a restarted daemon builds

        Assert.Single(notifier.Sent);
    }

    [Fact]
    public async Task RunAsync_TheNextDay_SendsAgainOnlyAfterItsTime()
    {
        clock.Now = Local(22, 18, 0);
        var job = Job();
        await job.RunAsync(CancellationToken.None);

        clock.Now = Local(23, 9, 0);
        await job.RunAsync(CancellationToken.None);
        Assert.Single(notifier.Sent);

        clock.Now = Local(23, 18, 1);
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(["Daily summary for 2026-11-22", "Daily summary for 2026-11-23"], notifier.Sent.Select(n => n.Title));
    }

    [Fact]
    public async Task RunAsync_AnUnreadableSentFile_SendsRatherThanLosingTheDay()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SentFile)!);
        await File.WriteAllTextAsync(SentFile, "{ not a date");
        clock.Now = Local(22, 19, 0);

        await Job().RunAsync(CancellationToken.None);

        Assert.Single(notifier.Sent);
        Assert.Equal(Local(22, 19, 0), DateTimeOffset.Parse((await File.ReadAllTextAsync(SentFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class ZonedClock(TimeZoneInfo zone) : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override TimeZoneInfo LocalTimeZone => zone;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private sealed class RecordingSource : IDailyActivitySource
    {
        public DailyActivity? Activity { get; set; }

        public List<(DateOnly Day, DateTimeOffset Start, DateTimeOffset Until)> Asked { get; } = [];

        public Task<DailyActivity> ReadAsync(DateOnly day, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken)
        {
            Asked.Add((day, start, until));
            return Task.FromResult(Activity ?? new DailyActivity(day, [], [], 0m, []));
        }
    }

    private sealed class RecordingNotifier : INotifier
    {
        public List<Notification> Sent { get; } = [];

        public ValueTask NotifyAsync(Notification notification, CancellationToken cancellationToken)
        {
            Sent.Add(notification);
            return ValueTask.CompletedTask;
        }
    }
}
