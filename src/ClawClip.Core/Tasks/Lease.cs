namespace ClawClip.Core.Tasks;

/// <summary>A time-limited hold on a task. Past <see cref="ExpiresAt"/> the reaper may take it back.</summary>
public sealed record Lease(DateTimeOffset ClaimedAt, DateTimeOffset ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}
