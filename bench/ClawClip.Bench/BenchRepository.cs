using System.Diagnostics;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State;

namespace ClawClip.Bench;

/// <summary>A throwaway git repository with an initialized state folder and N backlog tasks.</summary>
internal sealed class BenchRepository : IDisposable
{
    private BenchRepository(string root) => Root = root;

    public string Root { get; }

    /// <summary>A folder beside the repository, outside it, for task clones.</summary>
    public string Clones => Root + "-clones";

    /// <summary>A folder beside the repository for the checks' and the gate's homes.</summary>
    public string Homes => Root + "-homes";

    public static FileStateStore Store(string root, StateStoreOptions? options = null) =>
        new(new StateLayout(root), new GitLineageBranch(new GitCli(root, new ProcessRunner())), TimeProvider.System, options);

    public static async Task<BenchRepository> CreateAsync(int tasks)
    {
        var root = Path.Combine(Path.GetTempPath(), "clawclip-bench-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        Git(root, "init", "-q", "-b", "main");
        var store = Store(root, new StateStoreOptions { FlushAfterEachChange = false });
        await store.WriteReadmeAsync("# state\n", Actor.ClawClip, CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        for (var i = 1; i <= tasks; i++)
        {
            var definition = new TaskDefinition($"task {i}", "spec", [], i % 100, [], null, [], TaskDefinition.DefaultMaxAttempts);
            await store.SubmitAsync(definition, Actor.Human, "seeded", CancellationToken.None);
        }

        var submitted = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        await store.FlushLineageAsync(CancellationToken.None);
        Console.Error.WriteLine($"  (seeded {tasks} tasks: submit {tasks / submitted.TotalSeconds:0}/s, their lineage commits {tasks / Stopwatch.GetElapsedTime(started).TotalSeconds:0}/s)");
        return new BenchRepository(root);
    }

    public static void Git(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
        }
    }

    public void Dispose()
    {
        // The lineage writer's `git gc --auto` detaches, as git's own does: it may still be packing objects, and
        // removing them, while the folder is deleted. Try again until it has finished.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
                foreach (var beside in new[] { Clones, Homes }.Where(Directory.Exists))
                {
                    Directory.Delete(beside, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException && attempt < 50)
            {
                Thread.Sleep(200);
            }
        }
    }
}
