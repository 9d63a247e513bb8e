namespace ClawClip.Core.Tests.Budgets;

/// <summary>A clock that stands still until the test moves it, in a time zone the test picks: days roll over when the test says so.</summary>
internal sealed class BudgetClock : TimeProvider
{
    private DateTimeOffset now;

    public BudgetClock(DateTimeOffset start, TimeZoneInfo zone)
    {
        now = start;
        LocalTimeZone = zone;
    }

    public override TimeZoneInfo LocalTimeZone { get; }

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
