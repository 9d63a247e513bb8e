namespace ClawClip.State.Tests.Support;

/// <summary>A clock that stands still until a test moves it: leases expire when the test says so, never by waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now;

    public ManualClock(DateTimeOffset start) => now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
