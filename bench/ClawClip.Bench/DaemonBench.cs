using System.Diagnostics;
using System.Globalization;

namespace ClawClip.Bench;

/// <summary>
/// The daemon at rest and awake: `clawclip daemon` on a repository with five agents configured, sampled from /proc
/// for CPU time and resident memory over an idle stretch; then the time from a ROADMAP.md commit on main to the
/// first planned task on disk (scripted planner). Linux only (/proc).
/// </summary>
internal static class DaemonBench
{
    private const string Planner = """
        cat > /dev/null
        echo '{"is_error":false,"structured_output":{"tasks":[{"key":"a","title":"first task","spec":"s","acceptance":[],"estimate_minutes":15}]}}'
        """;

    public static async Task<(double CpuPercent, double PeakRssMb, double LatencyMs)> RunAsync(TimeSpan idle)
    {
        var root = Path.Combine(Path.GetTempPath(), "clawclip-daemon-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            BenchRepository.Git(root, "init", "-q", "-b", "main");
            File.WriteAllText(Path.Combine(root, "clawclip.yaml"), "checks:\n  test: [/bin/true]\n");
            File.WriteAllText(Path.Combine(root, "planner.sh"), Planner);
            foreach (var (name, role) in new[] { ("planner", "planner"), ("dev-1", "dev"), ("dev-2", "dev"), ("dev-3", "dev"), ("qa-1", "qa") })
            {
                var script = role == "planner" ? Path.Combine(root, "planner.sh") : "/dev/null";
                File.WriteAllText(Path.Combine(root, "agents", name + ".yaml").EnsureFolder(), $"name: {name}\nrole: {role}\nruntime: command\ncommand: [/bin/sh, {script}]\ngit:\n  name: {name}\n  email: {name}@agents.clawclip.invalid\n");
            }

            BenchRepository.Git(root, "add", "-A");
            BenchRepository.Git(root, "-c", "user.name=bench", "-c", "user.email=b@x.invalid", "commit", "-q", "-m", "start");
            var clawclip = Path.Combine(AppContext.BaseDirectory, "clawclip.dll");
            await RunToEndAsync(clawclip, root, "init");

            using var daemon = Start(clawclip, root, "daemon", "--interval", "30s");
            await WaitAsync(() => File.Exists(Path.Combine(root, "state", "locks", "daemon.pid")), TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(5)); // let start-up settle before the idle window
            var (cpuBefore, _) = Sample(daemon.Id);
            var clock = Stopwatch.StartNew();
            var peak = 0L;
            while (clock.Elapsed < idle)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                peak = Math.Max(peak, Sample(daemon.Id).RssBytes);
            }

            var (cpuAfter, _) = Sample(daemon.Id);
            var cpuPercent = (cpuAfter - cpuBefore).TotalMilliseconds / clock.Elapsed.TotalMilliseconds * 100;

            File.WriteAllText(Path.Combine(root, "ROADMAP.md"), "# Roadmap\n\n- [ ] A goal <!-- goal: one -->\n");
            BenchRepository.Git(root, "add", "ROADMAP.md");
            var committed = Stopwatch.GetTimestamp();
            BenchRepository.Git(root, "-c", "user.name=bench", "-c", "user.email=b@x.invalid", "commit", "-q", "-m", "a roadmap");
            await WaitAsync(() => Directory.EnumerateFiles(Path.Combine(root, "state", "tasks"), "T-*.json", SearchOption.AllDirectories).Any(), TimeSpan.FromMinutes(2));
            var latency = Stopwatch.GetElapsedTime(committed).TotalMilliseconds;

            daemon.Kill(entireProcessTree: true);
            await daemon.WaitForExitAsync();
            return (cpuPercent, peak / (1024.0 * 1024.0), latency);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string EnsureFolder(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>CPU time (user + system) and resident memory of a process, from /proc.</summary>
    private static (TimeSpan Cpu, long RssBytes) Sample(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var rssPages = long.Parse(fields[21], CultureInfo.InvariantCulture);
        return (TimeSpan.FromSeconds(ticks / 100.0), rssPages * Environment.SystemPageSize);
    }

    private static Process Start(string clawclip, string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(clawclip);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunToEndAsync(string clawclip, string root, params string[] arguments)
    {
        using var process = Start(clawclip, root, arguments);
        await process.WaitForExitAsync();
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"waited {within} in vain");
            }

            await Task.Delay(5);
        }
    }
}
