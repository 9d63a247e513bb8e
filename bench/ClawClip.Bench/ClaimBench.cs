using System.Diagnostics;
using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.State;

namespace ClawClip.Bench;

/// <summary>Claims per second from a full backlog, by 1 or more real processes.</summary>
internal static class ClaimBench
{
    public enum Mode
    {
        /// <summary>The bare primitive: rename out of backlog/ and fsync the folder; nothing else.</summary>
        Rename,

        /// <summary>claw.clip's whole claim (lock, intent, content, agent file) without its lineage commit.</summary>
        Claim,

        /// <summary>The whole claim and its lineage commit, written by background group commit.</summary>
        ClaimAndLineage,
    }

    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<double> RunAsync(int tasks, int processes, Mode mode)
    {
        using var repository = await BenchRepository.CreateAsync(tasks);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(1, processes).Select(i => StartWorker(repository.Root, $"dev-{i}", mode)).ToArray();
        var claimed = 0;
        foreach (var worker in workers)
        {
            var output = await worker.StandardOutput.ReadToEndAsync();
            await worker.WaitForExitAsync();
            if (worker.ExitCode != 0)
            {
                throw new InvalidOperationException($"worker failed: {await worker.StandardError.ReadToEndAsync()}");
            }

            claimed += int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            worker.Dispose();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (claimed != tasks)
        {
            throw new InvalidOperationException($"claimed {claimed} of {tasks}");
        }

        if (mode == Mode.ClaimAndLineage && Directory.EnumerateFiles(Path.Combine(repository.Root, "state", "pending"), "*.ready.json").Any())
        {
            throw new InvalidOperationException("records were left uncommitted");
        }

        return tasks / elapsed.TotalSeconds;
    }

    /// <summary>The worker side: claims until the backlog is empty, prints how many it claimed.</summary>
    public static async Task<int> WorkAsync(string root, string agent, Mode mode)
    {
        var count = mode == Mode.Rename ? RenameAll(root) : await ClaimAllAsync(root, AgentId.Parse(agent), mode == Mode.ClaimAndLineage);
        Console.WriteLine(count);
        return 0;
    }

    private static int RenameAll(string root)
    {
        var backlog = Path.Combine(root, "state", "tasks", "backlog");
        var claimed = Path.Combine(root, "state", "tasks", "claimed");
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(backlog, "*.json", SearchOption.AllDirectories).ToList())
        {
            var target = Path.Combine(claimed, Path.GetFileName(Path.GetDirectoryName(path))!, Path.GetFileName(path));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(path, target, overwrite: true);
            }
            catch (FileNotFoundException)
            {
                continue; // another process won this one
            }

            Native.FlushFolder(Path.GetDirectoryName(target)!);
            count++;
        }

        return count;
    }

    private static async Task<int> ClaimAllAsync(string root, AgentId agent, bool lineage)
    {
        var store = BenchRepository.Store(root, new StateStoreOptions { FlushAfterEachChange = false, BacklogIndexMaxAge = TimeSpan.FromSeconds(5) });
        var request = new ClaimRequest(agent, new HashSet<string>(), Tier.Intern);
        using var stop = new CancellationTokenSource();
        var flusher = lineage ? Task.Run(async () =>
        {
            // Group commit: one git batch every few milliseconds, not one per claim.
            while (!stop.IsCancellationRequested)
            {
                await store.FlushLineageAsync(CancellationToken.None);
                await Task.Delay(FlushInterval);
            }
        }) : Task.CompletedTask;

        var count = 0;
        while (await store.ClaimNextAsync(request, CancellationToken.None) is ClaimResult.Claimed)
        {
            count++;
        }

        await stop.CancelAsync();
        await flusher;
        if (lineage)
        {
            // Whoever holds the lineage lock commits our leftovers; wait until none is left.
            while (store.HasPendingLineage())
            {
                if ((await store.FlushLineageAsync(CancellationToken.None)).Written == 0)
                {
                    await Task.Delay(2);
                }
            }
        }

        return count;
    }

    private static Process StartWorker(string root, string agent, Mode mode)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ClaimBench).Assembly.Location);
        }

        foreach (var argument in new[] { "worker", root, agent, mode.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
