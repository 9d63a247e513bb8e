namespace ClawClip.Daemon.Notifications;

/// <summary>
/// Where and how hard <see cref="WebhookNotifier"/> tries. The URL of a Slack incoming webhook is a secret (anyone
/// holding it can post), so it is never logged and <see cref="ToString"/> shows only its host.
/// </summary>
public sealed class WebhookOptions
{
    public const int DefaultMaxAttempts = 8;

    public const int DefaultQueueCapacity = 100;

    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromMinutes(5);

    private readonly TimeSpan baseDelay = TimeSpan.FromSeconds(1);
    private readonly TimeSpan attemptTimeout = TimeSpan.FromSeconds(10);
    private readonly TimeSpan flushTimeout = TimeSpan.FromSeconds(5);

    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http or https URL.</exception>
    public WebhookOptions(Uri url, int maxAttempts, TimeSpan maxDelay, int queueCapacity)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Problem(url) is { } problem)
        {
            throw new ArgumentException(problem, nameof(url));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        Url = url;
        MaxAttempts = maxAttempts;
        MaxDelay = maxDelay;
        QueueCapacity = queueCapacity;
    }

    public Uri Url { get; }

    /// <summary>Attempts per notification, the first included; then it is logged and dropped.</summary>
    public int MaxAttempts { get; }

    /// <summary>The longest wait between two attempts, a server's <c>Retry-After</c> included.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Notifications waiting while one is being delivered; past it the oldest waiting one is dropped.</summary>
    public int QueueCapacity { get; }

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan BaseDelay
    {
        get => baseDelay;
        init => baseDelay = Positive(value);
    }

    /// <summary>How long one POST may take before it counts as failed and is retried.</summary>
    public TimeSpan AttemptTimeout
    {
        get => attemptTimeout;
        init => attemptTimeout = Positive(value);
    }

    /// <summary>On shutdown, how long the notifier goes on delivering what is queued before it gives up on the rest.</summary>
    public TimeSpan FlushTimeout
    {
        get => flushTimeout;
        init => flushTimeout = Positive(value);
    }

    /// <summary>Options with the defaults for <paramref name="url"/> as written in configuration.</summary>
    /// <exception cref="FormatException"><paramref name="url"/> is not an absolute http or https URL.</exception>
    public static WebhookOptions FromUrl(string url)
    {
        // The text is not echoed: it may well be a working secret with a typo elsewhere.
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed))
        {
            throw new FormatException("The webhook URL is not an absolute URL; expected one like https://hooks.slack.com/services/….");
        }

        return Problem(parsed) is { } problem
            ? throw new FormatException(problem)
            : new WebhookOptions(parsed, DefaultMaxAttempts, DefaultMaxDelay, DefaultQueueCapacity);
    }

    public override string ToString() => $"webhook on {Url.Scheme}://{Url.Authority}";

    private static string? Problem(Uri url) =>
        !url.IsAbsoluteUri ? "The webhook URL must be absolute, like https://hooks.slack.com/services/…."
        : url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp ? $"The webhook URL must be http:// or https://, not {url.Scheme}://."
        : null;

    private static TimeSpan Positive(TimeSpan value, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
        return value;
    }
}
