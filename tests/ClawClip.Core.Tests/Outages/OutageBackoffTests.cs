using ClawClip.Core.Outages;

namespace ClawClip.Core.Tests.Outages;

public sealed class OutageBackoffTests
{
    private static readonly OutageSettings Exact = OutageSettings.Default with { Jitter = 0 };

    [Fact]
    public void Delay_StartsAtTheBase_DoublesWithEachFailureInARow_AndStopsAtTheCap()
    {
        var backoff = new OutageBackoff(Exact);

        var delays = Enumerable.Range(1, 7).Select(n => backoff.Delay(n).TotalSeconds).ToArray();

        Assert.Equal([30, 60, 120, 240, 480, 600, 600], delays);
        Assert.Equal(TimeSpan.FromMinutes(10), backoff.Delay(10_000)); // no overflow however long the outage
    }

    [Fact]
    public void Delay_HonoursTheApisRetryAfter_WhenItAsksForLonger_EvenPastTheCap()
    {
        var backoff = new OutageBackoff(Exact);

        Assert.Equal(TimeSpan.FromSeconds(45), backoff.Delay(1, TimeSpan.FromSeconds(45)));
        Assert.Equal(TimeSpan.FromMinutes(20), backoff.Delay(9, TimeSpan.FromMinutes(20)));
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.Delay(2, TimeSpan.FromSeconds(5))); // a shorter ask changes nothing
    }

    [Fact]
    public void Delay_AddsAtMostTheJitterShare_AsTheInjectedDrawSays()
    {
        var settings = OutageSettings.Default with { Jitter = 0.2 };

        Assert.Equal(TimeSpan.FromSeconds(30), new OutageBackoff(settings, () => 0.0).Delay(1));
        Assert.Equal(TimeSpan.FromSeconds(33), new OutageBackoff(settings, () => 0.5).Delay(1));
        Assert.Equal(TimeSpan.FromSeconds(36), new OutageBackoff(settings, () => 1.0).Delay(1));
    }
}
