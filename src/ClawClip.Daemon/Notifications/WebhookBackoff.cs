namespace ClawClip.Daemon.Notifications;

/// <summary>
/// How long to wait before the next attempt: <c>base × 2^(n−1)</c> after the n-th failure, capped, then spread by
/// ±20 % so that several daemons cut off together do not all come back in the same second. A server's
/// <c>Retry-After</c> wins over the formula. Pure apart from <paramref name="random"/>, which tests seed or fix.
/// </summary>
internal sealed class WebhookBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Random random)
{
    public const double Factor = 2;

    public const double Jitter = 0.2;

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts (1 after the first).</summary>
    public TimeSpan DelayAfter(int failedAttempts, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (retryAfter is { } asked)
        {
            // Honoured as given, but never past the cap: a server saying "come back tomorrow" must not park the queue.
            return Clamp(asked);
        }

        // In double ticks: 2^62 overflows long, the cap brings it back.
        var exponential = Math.Min(baseDelay.Ticks * Math.Pow(Factor, failedAttempts - 1), maxDelay.Ticks);
        var spread = 1 - Jitter + (2 * Jitter * random.NextDouble());
        return Clamp(TimeSpan.FromTicks((long)(exponential * spread)));
    }

    private TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay > maxDelay ? maxDelay : delay;
}
