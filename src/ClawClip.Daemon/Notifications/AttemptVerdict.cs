namespace ClawClip.Daemon.Notifications;

/// <summary>What one POST to the webhook came to, as far as retrying is concerned.</summary>
internal enum AttemptVerdict
{
    /// <summary>2xx: done.</summary>
    Delivered,

    /// <summary>5xx, 408, 429, a timeout or a broken connection: worth another try later.</summary>
    Retry,

    /// <summary>Any other answer (400 invalid payload, 403, 404 no such hook, 410 archived channel): trying again will not help.</summary>
    Reject,
}
