using System.Diagnostics;
using System.Text.RegularExpressions;
using ClawClip.Core.Tasks;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.State;

namespace ClawClip.EndToEnd.Tests;

public sealed partial class ConcurrentClaimTests
{
    [Fact]
    public async Task EightProcesses_ClaimingTwoThousandTasksAtOnce_ClaimEachExactlyOnceWithOneLineageCommitEach()
    {
        const int taskCount = 2000;
        const int processCount = 8;
        using var repository = new TempGitRepository();
        await Stores.InitializedWithTasksAsync(repository, taskCount);

        var workers = Enumerable.Range(1, processCount)
            .Select(i => DotnetProgram.Start("ClawClip.TestWorker", ["claim-all", repository.Root, $"dev-{i}"]))
            .ToArray();
        var outputs = await Task.WhenAll(workers.Select(async (worker, i) =>
        {
            worker.StandardInput.Close();
            var stdout = worker.StandardOutput.ReadToEndAsync();
            var stderr = worker.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await worker.WaitForExitAsync(timeout.Token);
            Assert.True(worker.ExitCode == 0, $"worker dev-{i + 1} exited {worker.ExitCode}: {await stderr}");
            return (Agent: $"dev-{i + 1}", Claimed: (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }));
        foreach (var worker in workers)
        {
            worker.Dispose();
        }

        // Every task claimed by exactly one process, as each process saw it.
        var claims = outputs.SelectMany(o => o.Claimed.Select(id => (o.Agent, Id: id))).ToList();
        Assert.Equal(taskCount, claims.Count);
        Assert.Equal(taskCount, claims.Select(c => c.Id).Distinct().Count());
        Assert.True(outputs.Count(o => o.Claimed.Length > 0) > 1, "the claims should have been shared between processes");

        // ...and as the files say: every task in claimed/, held by the process that reported it.
        var layout = new StateLayout(repository.Root);
        var folders = StateTree.FoldersByTask(layout);
        Assert.Equal(taskCount, folders.Count);
        Assert.All(folders, f => Assert.Equal([TaskState.Claimed], f.Value));
        var store = Stores.Open(repository);
        foreach (var (agent, id) in claims)
        {
            var task = await store.FindAsync(TaskId.Parse(id), CancellationToken.None);
            Assert.Equal(agent, task!.Holder);
        }

        // No record left behind, and exactly one claim commit per task on the lineage branch.
        Assert.DoesNotContain(Directory.EnumerateFiles(layout.PendingRoot), f => f.EndsWith(".json", StringComparison.Ordinal));
        var subjects = repository.Git("log", "clawclip/state", "--format=%an %s").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var claimCommits = subjects.Select(s => ClaimSubject().Match(s)).Where(m => m.Success).ToList();
        Assert.Equal(taskCount, claimCommits.Count);
        Assert.Equal(taskCount, claimCommits.Select(m => m.Groups["id"].Value).Distinct().Count());
        var authors = claimCommits.ToDictionary(m => m.Groups["id"].Value, m => m.Groups["agent"].Value);
        Assert.All(claims, c => Assert.Equal(c.Agent, authors[c.Id]));
    }

    [GeneratedRegex(@"^(?<agent>dev-\d+) (?<id>T-\d{4,}) backlog → claimed$")]
    private static partial Regex ClaimSubject();
}
