namespace ClawClip.Core.Outages;

/// <summary>
/// The wait before the next try after <c>n</c> outage failures in a row: <c>Backoff × Factor^(n-1)</c>, at most
/// <c>Cap</c>, plus up to <c>Jitter</c> of it at random; never shorter than the API's own <c>Retry-After</c> when it
/// gave one (which may exceed the cap: the server knows best). Pure: the random draw is injected, so a test fixes it.
/// </summary>
public sealed class OutageBackoff
{
    private readonly OutageSettings settings;
    private readonly Func<double> draw;

    /// <param name="settings">Base, factor, cap and jitter.</param>
    /// <param name="draw">A number in [0, 1) for the jitter; <see cref="Random.Shared"/> when none is given.</param>
    public OutageBackoff(OutageSettings settings, Func<double>? draw = null)
    {
        this.settings = settings;
        this.draw = draw ?? Random.Shared.NextDouble;
    }

    /// <summary>The wait after the <paramref name="consecutive"/>-th outage failure in a row (1 for the first).</summary>
    public TimeSpan Delay(int consecutive, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutive, 1);

        // Computed in double and capped before it becomes a TimeSpan: Factor^n overflows long before n is large.
        var seconds = settings.Backoff.TotalSeconds * Math.Pow(settings.Factor, consecutive - 1);
        seconds = Math.Min(seconds, settings.Cap.TotalSeconds);
        seconds += seconds * settings.Jitter * Math.Clamp(draw(), 0.0, 1.0);
        var delay = TimeSpan.FromSeconds(seconds);
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }
}
