using ClawClip.FakeWebhook;
using ClawClip.Daemon.Notifications;

namespace ClawClip.Daemon.Tests.Notifications.Support;

/// <summary>
/// A <see cref="WebhookNotifier"/> posting to a <see cref="WebhookListener"/>, on a <see cref="ManualTimeProvider"/>,
/// with the jitter taken out. Attempts time out after an hour unless told otherwise, so that any shorter timer the
/// sender starts is a backoff wait. Disposing closes the listener first: a hung request then fails at once instead
/// of holding the notifier's flush on a clock nobody moves.
/// </summary>
internal sealed class NotifierRig : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly HttpClient http = new();

    public NotifierRig(int maxAttempts = 8, int queueCapacity = 100, TimeSpan? attemptTimeout = null)
    {
        Options = new WebhookOptions(Listener.Url, maxAttempts, TimeSpan.FromMinutes(5), queueCapacity)
        {
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromHours(1),
            FlushTimeout = TimeSpan.FromSeconds(5),
        };
        Notifier = new WebhookNotifier(Options, http, Clock, Log, new FixedRandom(0.5));
    }

    public ManualTimeProvider Clock { get; } = new(Start);

    public WebhookListener Listener { get; } = new();

    public RecordingLogger<WebhookNotifier> Log { get; } = new();

    public WebhookOptions Options { get; }

    public WebhookNotifier Notifier { get; }

    public static Notification Info(string title) => new(NotificationKind.Info, title, $"about {title}", Start);

    /// <summary>Waits for the sender to start its backoff wait, then moves the clock through it; returns the wait.</summary>
    public async Task<TimeSpan> AdvanceThroughBackoffAsync()
    {
        var delay = await Clock.WaitForTimerAsync(d => d <= Options.MaxDelay).WaitAsync(WebhookListener.Deadline);
        Clock.Advance(delay);
        return delay;
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        await Notifier.DisposeAsync().AsTask().WaitAsync(WebhookListener.Deadline);
        http.Dispose();
    }
}
