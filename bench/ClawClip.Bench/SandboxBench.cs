using System.Diagnostics;
using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Bench;

/// <summary>
/// Sandbox start-up per run: the same trivial process (<c>/bin/true</c>) started plainly and inside the sandbox, many
/// times each, alternating; the difference of the medians is what the sandbox adds to every agent run, check and gate.
/// </summary>
internal static class SandboxBench
{
    public static async Task<(double Plain, double Confined)> RunAsync(int runs)
    {
        var folder = Directory.CreateTempSubdirectory("clawclip-bench-sandbox-").FullName;
        try
        {
            var runner = new ProcessRunner(Sandboxes.ForThisMachine());
            var plain = ProcessSpec.Create("/bin/true") with { WorkingDirectory = folder };
            var confined = plain with { Confinement = Confinement.To(folder) };
            var plainTimes = new List<double>();
            var confinedTimes = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                plainTimes.Add(await TimeAsync(runner, plain));
                confinedTimes.Add(await TimeAsync(runner, confined));
            }

            return (Median(plainTimes), Median(confinedTimes));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(ProcessRunner runner, ProcessSpec spec)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await runner.RunAsync(spec, CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return result.ExitCode == 0 ? elapsed : throw new InvalidOperationException($"{spec} failed: {result.StandardError}");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
