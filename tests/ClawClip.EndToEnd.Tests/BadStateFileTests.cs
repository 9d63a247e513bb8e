using System.Text.Json;
using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.State;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// A damaged or stray entry under state/ (a half pending record, a bad task or agent file, a stray file, a folder, a
/// symbolic link) never stops the team: the real <c>clawclip</c> sets it aside and every other task goes on.
/// </summary>
public sealed class BadStateFileTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "ghp_SECRETTOKEN0123456789abcdefghijklmnop";
    private readonly TempGitRepository repository = new();
    private readonly string outsideFolder = Path.Combine(Path.GetTempPath(), "clawclip-outside-" + Guid.NewGuid().ToString("N"));

    private string Outside => Path.Combine(outsideFolder, "secret.txt");

    public static TheoryData<string, string> BadEntries =>
        new()
        {
            { "state/tasks/backlog/00/T-0003.json", "{}" },
            { "state/tasks/backlog/00/T-0003.json", "garbage" },
            { "state/tasks/backlog/00/T-0003.json", "copy of T-0002" },
            { "state/agents/dev-1/current-task.json", "garbage" },
            { "state/agents/dev-1/context-snapshot.json", "garbage" },
            { "state/agents/dev-1/outbox.json", "garbage" },
            { "state/agents/dev-1/trust.json", "garbage" },
            { "state/tasks/backlog/00/notes.txt", "remember the milk" },
            { "state/tasks/backlog/00/drafts", "a directory" },
            { "state/tasks/backlog/00/T-0003.json", "a symlink" },
        };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(outsideFolder);
        await File.WriteAllTextAsync(Outside, $"token={Secret}\n");
        await Clawclip.OkAsync(repository.Root, "init");
        await Clawclip.OkAsync(repository.Root, "submit", "--title", "first");
        await Clawclip.OkAsync(repository.Root, "submit", "--title", "second");
        await Clawclip.OkAsync(repository.Root, "submit", "--title", "third");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        repository.Dispose();
        Directory.Delete(outsideFolder, recursive: true);
    }

    [Fact]
    public async Task AHalfWrittenIntent_StopsNeitherClaimNorReapNorAStoreOpening_AndNothingIsLost()
    {
        var lost = await LeaveAHalfIntentAsync("dev-1");
        var othersBefore = TaskFilesExcept(lost);

        await Clawclip.OkAsync(repository.Root, "claim", "--agent", "dev-2");
        Assert.Contains($"{lost} backlog → claimed", Lineage()); // reconciled from the task file as the claim's lineage was written

        var second = await LeaveAHalfIntentAsync("dev-3");
        var reap = await Clawclip.OkAsync(repository.Root, "reap");
        Assert.Contains("discarded an unreadable lineage record", reap, StringComparison.Ordinal);
        Assert.Contains($"{second} backlog → claimed", Lineage());

        await LeaveAHalfIntentAsync("dev-4", submit: true);
        var store = Stores.Open(repository);
        await store.RecoverAsync(CancellationToken.None); // what the daemon and run --once do when they open the store
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(repository.Root, "state", "pending"), "*.json"));

        // Nothing lost: each task is where its last transition put it, and the branch is level with the files.
        Assert.Equal(othersBefore.Keys.Where(k => k.Contains("claimed", StringComparison.Ordinal)), TaskFilesExcept(lost).Keys.Where(k => othersBefore.ContainsKey(k) && k.Contains("claimed", StringComparison.Ordinal)));
        await AssertBranchIsLevelWithTheFilesAsync();
        Assert.Equal(4, Lineage().Count(s => s.EndsWith("backlog → claimed", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(BadEntries))]
    public async Task OneBadEntry_IsQuarantinedWithALineageCommit_AndStatusClaimAndReapGoOn(string origin, string what)
    {
        var untouched = TaskFilesExcept(TaskId.Parse("T-0003"));
        Plant(origin, what);
        var branchBefore = repository.Git("rev-parse", "clawclip/state").Trim();

        var reap = await Clawclip.OkAsync(repository.Root, "reap", "--json");
        var status = JsonDocument.Parse(await Clawclip.OkAsync(repository.Root, "status", "--json")).RootElement;

        Assert.Contains(origin, reap, StringComparison.Ordinal);
        var quarantined = Assert.Single(status.GetProperty("quarantined").EnumerateArray());
        Assert.Equal(origin, quarantined.GetProperty("origin").GetString());
        var moved = Path.Combine(repository.Root, quarantined.GetProperty("path").GetString()!);
        Assert.True(Path.Exists(moved) || new FileInfo(moved).LinkTarget is not null, $"{moved} is not in the quarantine");
        Assert.False(Path.Exists(Path.Combine(repository.Root, origin)) || new FileInfo(Path.Combine(repository.Root, origin)).LinkTarget is not null, $"{origin} is still there");
        Assert.Equal(untouched, TaskFilesExcept(TaskId.Parse("T-0003")));
        Assert.Equal(origin.Contains("T-0003", StringComparison.Ordinal) ? 2 : 3, status.GetProperty("queues").GetProperty("intake").GetProperty("count").GetInt32());

        // One commit names it and why; the origin is out of the lineage's tree, the note is in it.
        var subjects = repository.Git("log", "--format=%s", $"{branchBefore}..clawclip/state").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"quarantined {origin}", subjects);
        var tree = repository.Git("ls-tree", "-r", "--name-only", "clawclip/state");
        Assert.DoesNotContain(origin["state/".Length..] + "\n", tree, StringComparison.Ordinal);
        Assert.Contains("quarantine/", tree, StringComparison.Ordinal);

        // Every other task goes on.
        Assert.Equal("T-0001", (await Clawclip.OkAsync(repository.Root, "claim", "--agent", "dev-1")).Trim());
        await AssertBranchIsLevelWithTheFilesAsync();
    }

    [Fact]
    public async Task ASymlinkToASecretOutsideTheRepository_IsQuarantinedAsALink_AndItsTargetIsNeverCommitted()
    {
        var links = new[] { "state/tasks/backlog/00/T-0009.json", "state/agents/dev-1/trust.json", "state/notes.json", "state/tasks/claimed" };
        foreach (var link in links)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(repository.Root, link))!);
        }

        File.CreateSymbolicLink(Path.Combine(repository.Root, links[0]), Outside);
        File.CreateSymbolicLink(Path.Combine(repository.Root, links[1]), Outside);
        File.CreateSymbolicLink(Path.Combine(repository.Root, links[2]), Outside);
        if (Directory.Exists(Path.Combine(repository.Root, links[3])))
        {
            Directory.Delete(Path.Combine(repository.Root, links[3]), recursive: true); // nothing is claimed yet
        }

        Directory.CreateSymbolicLink(Path.Combine(repository.Root, links[3]), outsideFolder);

        await Clawclip.OkAsync(repository.Root, "reap");
        await Clawclip.OkAsync(repository.Root, "status");
        await Clawclip.OkAsync(repository.Root, "claim", "--agent", "dev-1");
        await Stores.Open(repository).RecoverAsync(CancellationToken.None);

        Assert.DoesNotContain(Secret, repository.Git("log", "-p", "clawclip/state"), StringComparison.Ordinal);
        var status = JsonDocument.Parse(await Clawclip.OkAsync(repository.Root, "status", "--json")).RootElement;
        var quarantined = status.GetProperty("quarantined").EnumerateArray().ToList();
        Assert.Equal(links.Order(StringComparer.Ordinal), quarantined.Select(q => q.GetProperty("origin").GetString()).Order(StringComparer.Ordinal));
        Assert.All(quarantined, q => Assert.Equal("symlink", q.GetProperty("kind").GetString()));
        Assert.Equal($"token={Secret}\n", await File.ReadAllTextAsync(Outside)); // never touched
        Assert.Equal([Outside], Directory.EnumerateFileSystemEntries(outsideFolder));
        await AssertBranchIsLevelWithTheFilesAsync();
    }

    [Fact]
    public async Task AWorkPassAndItsMerge_GoOnPastABadTaskFileAnAgentFileAndAStray()
    {
        using var team = await ScriptedTeam.CreateAsync();
        await team.EarnJuniorAsync();
        team.Dev("default", ScriptedTeam.OneFilePerTask);
        var good = await team.SubmitAsync("Good work");
        var bad = await team.SubmitAsync("Damaged");
        File.WriteAllText(Path.Combine(team.Root, "state", "tasks", "backlog", "00", bad + ".json"), "{}");
        Directory.CreateDirectory(Path.Combine(team.Root, "state", "agents", "qa-1"));
        File.WriteAllText(Path.Combine(team.Root, "state", "agents", "qa-1", "context-snapshot.json"), "garbage");
        File.WriteAllText(Path.Combine(team.Root, "state", "tasks", "backlog", "00", "notes.txt"), "stray");

        await team.RunOnceAsync();

        var done = JsonDocument.Parse(await team.ClawclipAsync("show", good, "--json")).RootElement;
        Assert.Equal("done", done.GetProperty("task").GetProperty("status").GetString());
        Assert.Contains($"work-{good}.txt", team.Repository.Git("ls-tree", "--name-only", "main"), StringComparison.Ordinal);
        var status = JsonDocument.Parse(await team.ClawclipAsync("status", "--json")).RootElement;
        Assert.Equal(
            [$"state/agents/qa-1/context-snapshot.json", $"state/tasks/backlog/00/{bad}.json", "state/tasks/backlog/00/notes.txt"],
            status.GetProperty("quarantined").EnumerateArray().Select(q => q.GetProperty("origin").GetString()).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Claims a task through a store that defers its lineage, then leaves its record as half an intent, as a writer
    /// cut short (before intents were written whole) or a disk fault would. Returns the claimed task.
    /// </summary>
    private async Task<TaskId> LeaveAHalfIntentAsync(string agent, bool submit = false)
    {
        var store = Stores.Open(repository, options: new StateStoreOptions { FlushAfterEachChange = false });
        if (submit)
        {
            await store.SubmitAsync(new TaskDefinition("more", "spec", [], 50, [], null, [], 3), Actor.Human, "seeded", CancellationToken.None);
            await store.FlushLineageAsync(CancellationToken.None);
        }

        var claimed = Assert.IsType<ClaimResult.Claimed>(await store.ClaimNextAsync(new ClaimRequest(AgentId.Parse(agent), new HashSet<string>(), Tier.Intern), CancellationToken.None));
        var ready = Assert.Single(Directory.EnumerateFiles(Path.Combine(repository.Root, "state", "pending"), "*.ready.json"));
        var bytes = await File.ReadAllBytesAsync(ready);
        File.Delete(ready);
        await File.WriteAllBytesAsync(ready.Replace(".ready.json", ".intent.json", StringComparison.Ordinal), bytes[..(bytes.Length / 2)]);
        return claimed.Task.Id;
    }

    private void Plant(string origin, string what)
    {
        var path = Path.Combine(repository.Root, origin);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (what)
        {
            case "a directory":
                Directory.CreateDirectory(Path.Combine(path, "inner"));
                File.WriteAllText(Path.Combine(path, "inner", "draft.json"), "{}");
                break;
            case "a symlink":
                File.Delete(path);
                File.CreateSymbolicLink(path, Outside);
                break;
            case "copy of T-0002":
                File.Copy(Path.Combine(Path.GetDirectoryName(path)!, "T-0002.json"), path, overwrite: true);
                break;
            default:
                File.WriteAllText(path, what);
                break;
        }
    }

    private string[] Lineage() => repository.Git("log", "--format=%s", "clawclip/state").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private Dictionary<string, string> TaskFilesExcept(TaskId id) =>
        StateTree.Snapshot(Path.Combine(repository.Root, "state", "tasks"))
            .Where(f => !f.Key.EndsWith(id.Value + ".json", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

    private async Task AssertBranchIsLevelWithTheFilesAsync()
    {
        var layout = new StateLayout(repository.Root);
        var branch = Stores.Branch(repository);
        var onBranch = await branch.ListFilesAsync((await branch.TipAsync(CancellationToken.None))!, CancellationToken.None);
        Assert.Equal(StateTree.BlobIds(layout).OrderBy(p => p.Key, StringComparer.Ordinal), onBranch.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
