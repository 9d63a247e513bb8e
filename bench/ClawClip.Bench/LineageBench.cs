using System.Diagnostics;
using ClawClip.Core.Agents;
using ClawClip.Core.Lineage;
using ClawClip.Git;
using ClawClip.Processes;

namespace ClawClip.Bench;

/// <summary>Lineage commits per second on an empty branch and on one with a long history already.</summary>
internal static class LineageBench
{
    private const int BatchSize = 100;
    private const int MeasuredRecords = 5000;
    private const int StateSize = 10_000;

    public static async Task<(double Empty, double Long, TimeSpan Seeding)> RunAsync(int history)
    {
        var root = Path.Combine(Path.GetTempPath(), "clawclip-bench-lineage-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            BenchRepository.Git(root, "init", "-q", "-b", "main");
            var branch = new GitLineageBranch(new GitCli(root, new ProcessRunner()));

            // The state holds 10,000 tasks throughout; only the history behind it grows.
            await AppendAsync(branch, 0, StateSize);
            var empty = await RateAsync(branch, StateSize);

            var started = Stopwatch.GetTimestamp();
            var sequence = StateSize + MeasuredRecords;
            for (var written = 0; written < history; written += 5000)
            {
                await AppendAsync(branch, sequence, 5000);
                sequence += 5000;
            }

            var seeding = Stopwatch.GetElapsedTime(started);
            var full = await RateAsync(branch, sequence);
            return (empty, full, seeding);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task AppendAsync(GitLineageBranch branch, int from, int count)
    {
        var tip = await branch.TipAsync(CancellationToken.None);
        await branch.AppendAsync(tip, Records(from, count), CancellationToken.None);
    }

    /// <summary>Commits per second in batches of the size a busy daemon's group commit forms.</summary>
    private static async Task<double> RateAsync(GitLineageBranch branch, int from)
    {
        // Both measurements start from one pack, so they differ by history length alone.
        BenchRepository.Git(branch.RepositoryRoot, "repack", "-adq");
        var tip = await branch.TipAsync(CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < MeasuredRecords; i += BatchSize)
        {
            var result = await branch.AppendAsync(tip, Records(from + i, BatchSize), CancellationToken.None);
            tip = ((AppendResult.Appended)result).Tip;
        }

        return MeasuredRecords / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static LineageRecord[] Records(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(n => new LineageRecord(
            $"r{n}",
            DateTimeOffset.UnixEpoch.AddSeconds(n),
            AgentIdentity.For(AgentId.Parse("dev-1")),
            $"T-{n % StateSize:0000} claimed → running",
            "bench",
            [new Trailer("Task", $"T-{n % StateSize:0000}"), new Trailer("Policy", "bench")],
            [new StateChange($"tasks/running/{n % StateSize / 100:00}/T-{n % StateSize:0000}.json", "{\"n\":" + n + ",\"pad\":\"" + new string('x', 900) + "\"}")]))];
}
