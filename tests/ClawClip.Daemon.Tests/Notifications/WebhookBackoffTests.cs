using ClawClip.Daemon.Notifications;
using ClawClip.Daemon.Tests.Notifications.Support;

namespace ClawClip.Daemon.Tests.Notifications;

public sealed class WebhookBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Fact]
    public void DelayAfter_WithTheJitterAtItsMiddle_DoublesFromTheBaseDelay()
    {
        var backoff = new WebhookBackoff(Base, Max, new FixedRandom(0.5));

        var delays = Enumerable.Range(1, 6).Select(n => backoff.DelayAfter(n).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32], delays);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(63)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void DelayAfter_ManyFailures_StaysAtTheMaximum(int failures)
    {
        Assert.Equal(Max, new WebhookBackoff(Base, Max, new FixedRandom(0.5)).DelayAfter(failures));
        Assert.Equal(Max, new WebhookBackoff(Base, Max, new FixedRandom(0.999)).DelayAfter(failures));
        Assert.Equal(Max * 0.8, new WebhookBackoff(Base, Max, new FixedRandom(0)).DelayAfter(failures));
    }

    [Fact]
    public void DelayAfter_WithJitter_SpreadsWithinTwentyPercentOfTheExponentialDelay()
    {
        var backoff = new WebhookBackoff(Base, Max, new Random(4242));

        for (var n = 1; n <= 8; n++)
        {
            var nominal = Math.Pow(2, n - 1);
            var delays = Enumerable.Range(0, 200).Select(_ => backoff.DelayAfter(n).TotalSeconds).ToList();

            Assert.All(delays, d => Assert.InRange(d, nominal * 0.8, nominal * 1.2));
            Assert.True(delays.Distinct().Count() > 100, $"after {n} failures the delays should spread, got {delays.Distinct().Count()} distinct");
        }
    }

    [Fact]
    public void DelayAfter_WithTheSameSeed_IsTheSame()
    {
        var one = new WebhookBackoff(Base, Max, new Random(7));
        var two = new WebhookBackoff(Base, Max, new Random(7));

        Assert.Equal(Enumerable.Range(1, 8).Select(n => one.DelayAfter(n)), Enumerable.Range(1, 8).Select(n => two.DelayAfter(n)));
    }

    [Fact]
    public void DelayAfter_WhenTheServerSaysRetryAfter_WaitsThatLongButNeverPastTheMaximum()
    {
        var backoff = new WebhookBackoff(Base, Max, new FixedRandom(0.5));

        Assert.Equal(TimeSpan.FromSeconds(30), backoff.DelayAfter(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.DelayAfter(7, TimeSpan.FromSeconds(30)));
        Assert.Equal(Max, backoff.DelayAfter(1, TimeSpan.FromDays(1)));
        Assert.Equal(TimeSpan.Zero, backoff.DelayAfter(1, TimeSpan.FromSeconds(-3)));
    }

    [Fact]
    public void DelayAfter_BeforeAnyFailure_IsRefused()
    {
        var backoff = new WebhookBackoff(Base, Max, new FixedRandom(0.5));

        Assert.Throws<ArgumentOutOfRangeException>(() => backoff.DelayAfter(0));
    }
}
