using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ClawClip.Daemon.Notifications;

/// <summary>
/// Posts notifications to a Slack-compatible incoming webhook, one at a time and in order, from a background sender.
/// <see cref="NotifyAsync"/> only queues, so the daemon never waits on the network; the sender retries 5xx, 408,
/// 429 (after its Retry-After), timeouts and broken connections with <see cref="WebhookBackoff"/>, refuses to retry
/// any other 4xx, and logs what it drops. Nothing it meets is thrown at the daemon. Disposing it delivers what is
/// queued, one attempt each, within <see cref="WebhookOptions.FlushTimeout"/>.
/// </summary>
public sealed class WebhookNotifier : INotifier, IAsyncDisposable
{
    // Written by callers of NotifyAsync, read by the sender alone. Bounded, dropping the oldest: a webhook that is
    // down for hours costs a bounded amount of memory, and the latest news is the one kept.
    private readonly Channel<Notification> queue;

    // Used by the sender alone.
    private readonly WebhookPoster poster;
    private readonly WebhookBackoff backoff;
    private readonly WebhookOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<WebhookNotifier> logger;

    // Cancelled by DisposeAsync: the sender stops waiting out backoff and gives what is left one more attempt each.
    private readonly CancellationTokenSource draining = new();

    // Cancelled when the flush deadline passes: cuts the request in flight and ends the sender.
    private readonly CancellationTokenSource stopping = new();

    private readonly Task sender;
    private long dropped;
    private int disposed;

    /// <param name="options">The webhook and its retry limits.</param>
    /// <param name="http">Not disposed here. Its own <see cref="HttpClient.Timeout"/> is a second ceiling, on the real clock.</param>
    /// <param name="time">Every wait and timeout of the sender runs on it.</param>
    /// <param name="logger">Receives every failure; the notifier has no other way to report one.</param>
    public WebhookNotifier(WebhookOptions options, HttpClient http, TimeProvider time, ILogger<WebhookNotifier> logger)
        : this(options, http, time, logger, Random.Shared)
    {
    }

    internal WebhookNotifier(WebhookOptions options, HttpClient http, TimeProvider time, ILogger<WebhookNotifier> logger, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options;
        this.time = time;
        this.logger = logger;
        poster = new WebhookPoster(http, options.Url, options.AttemptTimeout, time);
        backoff = new WebhookBackoff(options.BaseDelay, options.MaxDelay, random);
        queue = Channel.CreateBounded<Notification>(
            new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            OnDropped);

        // The sender outlives the caller's logging scopes and async locals; it should not carry them.
        using (ExecutionContext.IsFlowSuppressed() ? null : (IDisposable)ExecutionContext.SuppressFlow())
        {
            sender = Task.Run(SendAllAsync);
        }
    }

    /// <summary>Notifications dropped because the queue was full, since this notifier started.</summary>
    public long DroppedCount => Interlocked.Read(ref dropped);

    /// <inheritdoc/>
    public ValueTask NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (!queue.Writer.TryWrite(notification))
        {
            WebhookLog.NotAccepted(logger, notification.Kind, notification.Title);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Stops taking notifications and delivers the queued ones within the flush deadline; never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        queue.Writer.TryComplete();
        await draining.CancelAsync().ConfigureAwait(false);
        try
        {
            await sender.WaitAsync(options.FlushTimeout, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await sender.ConfigureAwait(false);
        }

        draining.Dispose();
        stopping.Dispose();
    }

    private async Task SendAllAsync()
    {
        var inFlight = false;
        try
        {
            await foreach (var notification in queue.Reader.ReadAllAsync(stopping.Token).ConfigureAwait(false))
            {
                inFlight = true;
                try
                {
                    await DeliverAsync(notification).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // The sender must outlive any one notification: a bug in one must not silence the rest.
                    WebhookLog.Failed(logger, e, notification.Kind, notification.Title);
                }

                inFlight = false;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            WebhookLog.Abandoned(logger, options.FlushTimeout, queue.Reader.Count + (inFlight ? 1 : 0));
        }
    }

    private async Task DeliverAsync(Notification notification)
    {
        var json = SlackMessage.ToUtf8Json(notification);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await poster.PostAsync(json, stopping.Token).ConfigureAwait(false);
            switch (outcome.Verdict)
            {
                case AttemptVerdict.Delivered:
                    WebhookLog.Delivered(logger, notification.Kind, notification.Title, attempt, outcome.Detail);
                    return;
                case AttemptVerdict.Reject:
                    WebhookLog.Rejected(logger, notification.Kind, notification.Title, outcome.Detail);
                    return;
            }

            if (attempt >= options.MaxAttempts)
            {
                WebhookLog.GaveUp(logger, notification.Kind, notification.Title, attempt, outcome.Detail);
                return;
            }

            if (draining.IsCancellationRequested)
            {
                WebhookLog.UndeliveredAtShutdown(logger, notification.Kind, notification.Title, outcome.Detail);
                return;
            }

            var delay = backoff.DelayAfter(attempt, outcome.RetryAfter);
            WebhookLog.Retrying(logger, attempt, options.MaxAttempts, notification.Kind, notification.Title, outcome.Detail, delay);
            try
            {
                await Task.Delay(delay, time, draining.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (draining.IsCancellationRequested)
            {
                // Shutting down: skip the rest of the wait and make one last attempt now.
            }
        }
    }

    private void OnDropped(Notification notification)
    {
        var count = Interlocked.Increment(ref dropped);
        WebhookLog.Dropped(logger, options.QueueCapacity, notification.Kind, notification.Title, count);
    }
}
