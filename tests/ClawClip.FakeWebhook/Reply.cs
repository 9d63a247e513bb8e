namespace ClawClip.FakeWebhook;

/// <summary>What <see cref="WebhookListener"/> does with one request: answer, drop the connection, or never answer.</summary>
public sealed record Reply(int Status, string Body = "", string? RetryAfter = null, bool Drops = false, bool Hangs = false)
{
    public static Reply Ok { get; } = new(200, "ok");

    public static Reply ServerError { get; } = new(500, "rollup_error");

    public static Reply BadRequest { get; } = new(400, "invalid_payload");

    /// <summary>The connection is reset after the request is read, with no answer.</summary>
    public static Reply DropConnection { get; } = new(0, Drops: true);

    /// <summary>The request is read and never answered, until the listener closes.</summary>
    public static Reply Hang { get; } = new(0, Hangs: true);

    public static Reply TooManyRequests(string retryAfter) => new(429, "rate_limited", retryAfter);
}
