namespace ClawClip.Daemon.Notifications;

/// <summary>One attempt's result as a value: the verdict, what happened in words for the log, and a server's Retry-After.</summary>
internal readonly record struct AttemptOutcome(AttemptVerdict Verdict, string Detail, TimeSpan? RetryAfter = null)
{
    public static AttemptOutcome Delivered(string detail) => new(AttemptVerdict.Delivered, detail);

    public static AttemptOutcome Retry(string detail, TimeSpan? retryAfter = null) => new(AttemptVerdict.Retry, detail, retryAfter);

    public static AttemptOutcome Reject(string detail) => new(AttemptVerdict.Reject, detail);
}
