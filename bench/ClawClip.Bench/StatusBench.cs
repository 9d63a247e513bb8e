using System.Diagnostics;

namespace ClawClip.Bench;

/// <summary>
/// `clawclip status --json` on N tasks: the real command, timed from outside. Its work is its time minus
/// the same command's time on an empty state (start-up: the runtime, loading, parsing the command line).
/// </summary>
internal static class StatusBench
{
    private const int Runs = 7;

    public static async Task<(double StartupMs, double TotalMs)> RunAsync(int tasks)
    {
        using var empty = await BenchRepository.CreateAsync(0);
        using var full = await BenchRepository.CreateAsync(tasks);
        var startup = await MedianAsync(empty.Root);
        var total = await MedianAsync(full.Root);
        return (startup, total);
    }

    private static async Task<double> MedianAsync(string root)
    {
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "clawclip.dll"));
            start.ArgumentList.Add("status");
            start.ArgumentList.Add("--json");
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start)!;
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("status failed: " + await process.StandardError.ReadToEndAsync());
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
