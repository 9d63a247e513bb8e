using System.Diagnostics;

namespace ClawClip.Processes.Tests;

/// <summary>Polls a condition until it holds or a deadline passes: waiting for a fact, never for a time.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, TimeSpan within, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > within)
            {
                Assert.Fail($"Not true within {within.TotalSeconds:0.#} s: {because}");
            }

            await Task.Delay(10);
        }
    }
}
