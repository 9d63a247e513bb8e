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
}
