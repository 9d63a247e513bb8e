using System.Diagnostics;

namespace ClawClip.EndToEnd.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes: how a test waits without sleeping blind.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < within, $"timed out after {within.TotalSeconds:0} s waiting for {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Polls a condition that runs a process (git, clawclip) every 200 ms; <paramref name="what"/> is built only when
    /// the deadline passes, so it can show the state at that moment (a daemon's output so far).
    /// </summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < within, $"timed out after {within.TotalSeconds:0} s waiting for {what()}");
            await Task.Delay(200);
        }
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, TimeSpan, Func{string})"/>
    public static Task TrueAsync(Func<bool> condition, TimeSpan within, Func<string> what) =>
        TrueAsync(() => Task.FromResult(condition()), within, what);
}
