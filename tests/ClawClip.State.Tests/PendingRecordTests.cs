using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests;

/// <summary><c>state/pending/</c>: records written whole, read while others write them, and damaged ones never a stop.</summary>
public sealed class PendingRecordTests : IAsyncLifetime
{
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private TestRepository repository = null!;
    private GitCli git = null!;

    public async Task InitializeAsync()
    {
        repository = await TestRepository.CreateAsync(CancellationToken.None);
        git = new GitCli(repository.Root, new ProcessRunner());
    }

    public Task DisposeAsync()
    {
        repository.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Flushing_WhileAnotherStoreWritesIntents_NeverReadsOneHalfWritten()
    {
        var claimer = Deferred();
        for (var i = 0; i < 300; i++)
        {
            await claimer.SubmitAsync(Definition($"task {i}"), Actor.Human, "seeded", CancellationToken.None);
        }

        await claimer.FlushLineageAsync(CancellationToken.None);

        // The lineage holder of another store reads every intent while this one writes them, as the planner and
        // work loops of a daemon (or the bench's claim processes) do.
        var flusher = Deferred();
        using var done = new CancellationTokenSource();
        var flushing = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await flusher.FlushLineageAsync(CancellationToken.None);
            }
        });

        // And a reader that does nothing else, to meet each record while it is written or removed.
        var reader = new LineageJournal(repository.Layout);
        var damaged = new List<(string Path, string Problem)>();
        var reading = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                reader.ReadIntents();
                reader.ReadReady();
                damaged.AddRange(reader.TakeDamaged());
            }
        });
        var claims = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => Task.Run(async () =>
        {
            var claimed = 0;
            var request = new ClaimRequest(AgentId.Parse($"dev-{i}"), new HashSet<string>(), Tier.Intern);
            while (await claimer.ClaimNextAsync(request, CancellationToken.None) is ClaimResult.Claimed)
            {
                claimed++;
            }

            return claimed;
        })));

        await done.CancelAsync();
        await flushing; // rethrows what the flusher met: before intents were renamed into place, "the file is empty"
        await reading;
        await flusher.FlushLineageAsync(CancellationToken.None);

        Assert.Empty(damaged);
        Assert.Equal(300, claims.Sum());
        Assert.False(flusher.HasPendingLineage());
        Assert.Empty(Directory.EnumerateFiles(repository.Layout.PendingRoot, ".*.tmp"));
        Assert.Equal(300, (await LogAsync()).Count(s => s.EndsWith("backlog → claimed", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("intent", "half")]
    [InlineData("intent", "empty")]
    [InlineData("ready", "half")]
    [InlineData("ready", "empty")]
    public async Task Recover_WithAnUnreadableRecord_DiscardsIt_AndCommitsItsTransitionFromTheTaskFile(string kind, string damage)
    {
        var (task, record) = await ClaimLeavingItsRecordAsync();
        var bytes = await File.ReadAllBytesAsync(record);
        File.Delete(record);
        var damaged = record.Replace(".ready.json", "." + kind + ".json", StringComparison.Ordinal);
        await File.WriteAllBytesAsync(damaged, damage == "half" ? bytes[..(bytes.Length / 2)] : []);
        var filesBefore = Files();

        var repairs = await repository.Store.RecoverAsync(CancellationToken.None);

        Assert.Contains(repairs, r => r.Contains("discarded an unreadable lineage record", StringComparison.Ordinal) && r.Contains("state/pending/", StringComparison.Ordinal));
        Assert.False(File.Exists(damaged));
        Assert.Equal(filesBefore, Files()); // the task and agent files are the truth: untouched
        Assert.Contains($"{task} backlog → claimed", await LogAsync());
        await AssertBranchIsLevelWithTheFilesAsync();
    }

    [Fact]
    public async Task Claim_WithAHalfIntentWaiting_ClaimsAndCommitsBoth()
    {
        var (lost, record) = await ClaimLeavingItsRecordAsync();
        var bytes = await File.ReadAllBytesAsync(record);
        File.Delete(record);
        await File.WriteAllBytesAsync(record.Replace(".ready.json", ".intent.json", StringComparison.Ordinal), bytes[..(bytes.Length / 3)]);
        var next = await repository.Store.SubmitAsync(Definition("next"), Actor.Human, "seeded", CancellationToken.None);

        var result = await repository.Store.ClaimNextAsync(new ClaimRequest(AgentId.Parse("dev-2"), new HashSet<string>(), Tier.Intern), CancellationToken.None);

        Assert.Equal(next.Id, Assert.IsType<ClaimResult.Claimed>(result).Task.Id);
        Assert.False(repository.Store.HasPendingLineage());
        var log = await LogAsync();
        Assert.Contains($"{lost} backlog → claimed", log);
        Assert.Contains($"{next.Id} backlog → claimed", log);
        await AssertBranchIsLevelWithTheFilesAsync();
    }

    [Fact]
    public async Task Recover_DeletesATemporaryRecordOnlyOnceItIsOld()
    {
        Directory.CreateDirectory(repository.Layout.PendingRoot);
        var fresh = Path.Combine(repository.Layout.PendingRoot, ".20260314T092653-0000001-000000001.intent.json.a1b2c3d4e5f6.tmp");
        var old = Path.Combine(repository.Layout.PendingRoot, ".20260314T082653-0000001-000000002.intent.json.a1b2c3d4e5f7.tmp");
        await File.WriteAllTextAsync(fresh, "{");
        await File.WriteAllTextAsync(old, "{");
        File.SetLastWriteTimeUtc(fresh, repository.Clock.GetUtcNow().UtcDateTime);
        File.SetLastWriteTimeUtc(old, repository.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(2));

        await repository.Store.RecoverAsync(CancellationToken.None);

        Assert.True(File.Exists(fresh)); // may be a live writer's, about to be renamed into place
        Assert.False(File.Exists(old));
    }

    /// <summary>Claims a task through a store that defers its lineage, leaving the claim's ready record in pending/.</summary>
    private async Task<(TaskId Task, string Record)> ClaimLeavingItsRecordAsync()
    {
        var deferred = Deferred();
        var task = await deferred.SubmitAsync(Definition("work"), Actor.Human, "seeded", CancellationToken.None);
        await deferred.FlushLineageAsync(CancellationToken.None);
        repository.Clock.Advance(TimeSpan.FromMinutes(1));
        await deferred.ClaimNextAsync(new ClaimRequest(Dev, new HashSet<string>(), Tier.Intern), CancellationToken.None);
        return (task.Id, Assert.Single(Directory.EnumerateFiles(repository.Layout.PendingRoot, "*.ready.json")));
    }

    private FileStateStore Deferred() =>
        new(repository.Layout, new GitLineageBranch(git), repository.Clock, new StateStoreOptions { FlushAfterEachChange = false });

    private static TaskDefinition Definition(string title) => new(title, "spec", [], 50, [], null, [], 3);

    private async Task<string[]> LogAsync() =>
        (await git.OutputAsync(["log", "clawclip/state", "--format=%s"], CancellationToken.None)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private Dictionary<string, string> Files() =>
        Directory.EnumerateFiles(repository.Layout.Root, "*", SearchOption.AllDirectories)
            .Where(path => StateLayout.IsRecorded(repository.Layout.Relative(path)))
            .ToDictionary(repository.Layout.Relative, File.ReadAllText, StringComparer.Ordinal);

    private async Task AssertBranchIsLevelWithTheFilesAsync()
    {
        var branch = new GitLineageBranch(git);
        var tip = (await branch.TipAsync(CancellationToken.None))!;
        var tree = await branch.ListFilesAsync(tip, CancellationToken.None);
        var files = Files();
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), tree.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, content) in files)
        {
            Assert.Equal(content, await branch.ReadFileAsync(tip, path, CancellationToken.None));
        }
    }
}
