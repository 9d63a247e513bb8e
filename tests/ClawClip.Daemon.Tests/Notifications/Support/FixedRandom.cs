namespace ClawClip.Daemon.Tests.Notifications.Support;

/// <summary>A "random" source that always draws <paramref name="value"/>: 0.5 takes the jitter out of the backoff.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
