namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>A clock the test moves by hand: leases expire when the test says so, with no waiting.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
