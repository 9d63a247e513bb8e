using System.Security.Cryptography;
using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests;

/// <summary>A bad file under state/ is set aside, under the lock of its place, with a lineage commit; the rest goes on.</summary>
public sealed class QuarantineTests : IAsyncLifetime
{
    private const string Secret = "sk-live-0123456789-DO-NOT-COMMIT";
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private TestRepository repository = null!;
    private GitCli git = null!;
    private string outside = null!;

    private FileStateStore Store => repository.Store;

    private StateLayout Layout => repository.Layout;

    public async Task InitializeAsync()
    {
        repository = await TestRepository.CreateAsync(CancellationToken.None);
        git = new GitCli(repository.Root, new ProcessRunner());
        outside = Path.Combine(Path.GetTempPath(), "clawclip-secret-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(outside, $"{{\"token\": \"{Secret}\"}}\n");
    }

    public Task DisposeAsync()
    {
        repository.Dispose();
        File.Delete(outside);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("{}", "\"schema\" is missing")]
    [InlineData("garbage\n", "not a valid state file")]
    [InlineData("", "the file is empty")]
    public async Task ClaimNext_PastABadTaskFileInTheBacklog_QuarantinesItAndClaimsTheNext(string content, string problem)
    {
        var bad = await SubmitAsync("first", priority: 90);
        var good = await SubmitAsync("second");
        var other = await SubmitAsync("third", priority: 10);
        var origin = Layout.TaskPath(TaskState.Backlog, bad.Id);
        File.WriteAllText(origin, content);
        var untouched = Hash(Layout.TaskPath(TaskState.Backlog, other.Id));

        var result = await Store.ClaimNextAsync(Request(), CancellationToken.None);

        Assert.Equal(good.Id, Assert.IsType<ClaimResult.Claimed>(result).Task.Id);
        var quarantined = Assert.Single(Store.ListQuarantined());
        Assert.Equal("state/tasks/backlog/00/T-0001.json", quarantined.Origin);
        Assert.Contains(problem, quarantined.Problem, StringComparison.Ordinal);
        Assert.False(File.Exists(origin));
        Assert.Equal(content, File.ReadAllText(Path.Combine(repository.Root, quarantined.Path))); // kept, byte for byte, under its own name
        Assert.EndsWith("/T-0001.json", quarantined.Path, StringComparison.Ordinal);
        Assert.Equal(untouched, Hash(Layout.TaskPath(TaskState.Backlog, other.Id)));
        Assert.False(Store.HasPendingLineage());

        var tree = await TreeAsync();
        Assert.DoesNotContain("tasks/backlog/00/T-0001.json", tree);
        Assert.Contains(tree, path => path.StartsWith("quarantine/", StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal));
        Assert.DoesNotContain(tree, path => path.EndsWith("/T-0001.json", StringComparison.Ordinal)); // the bad content is never committed
        Assert.Contains("claw.clip|quarantined state/tasks/backlog/00/T-0001.json|state.quarantine", await LogAsync("%an|%s|%(trailers:key=Policy,valueonly)"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_ATaskFileWithAnotherTasksId_QuarantinesIt_AndTheOtherTaskIsUnharmed()
    {
        var first = await SubmitAsync("first");
        var second = await SubmitAsync("second");
        File.Copy(Layout.TaskPath(TaskState.Backlog, second.Id), Layout.TaskPath(TaskState.Backlog, first.Id), overwrite: true);

        Assert.Null(await Store.FindAsync(first.Id, CancellationToken.None));
        Assert.Equal("second", (await Store.FindAsync(second.Id, CancellationToken.None))!.Definition.Title);
        Assert.Contains("but the file is named for T-0001", Assert.Single(Store.ListQuarantined()).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATaskFileUnderItsLiveWritersLock_IsNotQuarantined_UntilTheLockIsFree()
    {
        var task = await SubmitAsync("work");
        var path = Layout.TaskPath(TaskState.Backlog, task.Id);
        File.WriteAllText(path, "{");

        using (FileLock.TryAcquire(Layout.TaskLockPath(task.Id)))
        {
            Assert.Empty(await Store.ListAsync(CancellationToken.None));
            Assert.True(File.Exists(path)); // a writer holds it: not garbage to take away now
        }

        Assert.Empty(await Store.ListAsync(CancellationToken.None));
        Assert.False(File.Exists(path));
        Assert.Single(Store.ListQuarantined());
    }

    [Theory]
    [InlineData("current-task.json")]
    [InlineData("context-snapshot.json")]
    [InlineData("outbox.json")]
    [InlineData("trust.json")]
    public async Task AGarbageAgentFile_IsQuarantined_AndTheAgentGoesOnFromEmpty(string name)
    {
        await SubmitAsync("work");
        var path = Path.Combine(Layout.AgentFolder(Dev), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"schema\": 1, \"agent\": ");

        var repairs = await Store.RecoverAsync(CancellationToken.None);

        Assert.Contains(repairs, r => r.StartsWith($"state/agents/dev-1/{name}: quarantined to state/quarantine/", StringComparison.Ordinal));
        Assert.False(File.Exists(path));
        Assert.IsType<ClaimResult.Claimed>(await Store.ClaimNextAsync(Request(), CancellationToken.None));
        Assert.Equal(Tier.Intern, (await Store.ReadTrustAsync(Dev, CancellationToken.None)).Tier);
        Assert.Contains($"quarantined state/agents/dev-1/{name}", await LogAsync("%s"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGarbageCurrentTask_MetByAClaim_IsQuarantinedUnderTheAgentsLock_AndTheClaimWritesANewOne()
    {
        var task = await SubmitAsync("work");
        Directory.CreateDirectory(Layout.AgentFolder(Dev));
        File.WriteAllText(Layout.CurrentTaskPath(Dev), "not json");

        var result = await Store.ClaimNextAsync(Request(), CancellationToken.None);

        Assert.Equal(task.Id, Assert.IsType<ClaimResult.Claimed>(result).Task.Id);
        Assert.Equal(task.Id, (await Store.ReadCurrentTaskAsync(Dev, CancellationToken.None)).Task);
        Assert.Equal("state/agents/dev-1/current-task.json", Assert.Single(Store.ListQuarantined()).Origin);
    }

    [Fact]
    public async Task Reap_QuarantinesAStrayFileAFolderAndASymlink_WithoutEverReadingTheLinksTarget()
    {
        var task = await SubmitAsync("work");
        var shard = Path.GetDirectoryName(Layout.TaskPath(TaskState.Backlog, task.Id))!;
        File.WriteAllText(Path.Combine(shard, "notes.txt"), "remember the milk");
        Directory.CreateDirectory(Path.Combine(Layout.TaskFolder(TaskState.Backlog), "archive"));
        File.CreateSymbolicLink(Path.Combine(shard, "T-0009.json"), outside);
        Directory.CreateDirectory(Layout.AgentFolder(Dev));
        File.CreateSymbolicLink(Layout.TrustPath(Dev), outside);
        var live = Path.Combine(shard, ".T-0001.json.0123456789ab.tmp");
        File.WriteAllText(live, "a live writer's temporary file");
        var taskBefore = Hash(Layout.TaskPath(TaskState.Backlog, task.Id));

        using (FileLock.TryAcquire(Layout.TaskLockPath(task.Id))) // the temporary file's writer is alive
        {
            await Store.ReapAsync(CancellationToken.None);
        }

        var quarantined = Store.ListQuarantined();
        Assert.Equal(
            ["state/agents/dev-1/trust.json", "state/tasks/backlog/00/T-0009.json", "state/tasks/backlog/00/notes.txt", "state/tasks/backlog/archive"],
            quarantined.Select(q => q.Origin).Order(StringComparer.Ordinal));
        Assert.Equal(["directory", "file", "symlink", "symlink"], quarantined.Select(q => q.Kind).Order(StringComparer.Ordinal));
        Assert.All(quarantined.Where(q => q.Kind == "symlink"), q => Assert.Equal(outside, new FileInfo(Path.Combine(repository.Root, q.Path)).LinkTarget));
        Assert.Equal(taskBefore, Hash(Layout.TaskPath(TaskState.Backlog, task.Id)));
        Assert.Equal("a live writer's temporary file", File.ReadAllText(live)); // not stray: a dead writer's is recovery's to delete, under the task's lock
        Assert.DoesNotContain(Secret, await git.OutputAsync(["log", "-p", "clawclip/state"], CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(4, (await LogAsync("%s")).Split('\n').Count(s => s.StartsWith("quarantined ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Recover_NeverFollowsASymlink_NorCommitsAFileItCannotParse_NorCallsAHandEditAPowerCut()
    {
        var task = await SubmitAsync("work");
        File.CreateSymbolicLink(Path.Combine(Layout.Root, "notes.json"), outside);
        Directory.CreateDirectory(Layout.GoalsRoot);
        File.CreateSymbolicLink(Path.Combine(Layout.GoalsRoot, "G-0001.json"), outside);
        File.WriteAllText(Layout.BudgetPath, "{ this is not a budget");
        var path = Layout.TaskPath(TaskState.Backlog, task.Id);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"priority\": 50", "\"priority\": 99", StringComparison.Ordinal)); // no new event
        var tipBefore = await git.OutputAsync(["rev-parse", "clawclip/state"], CancellationToken.None);

        var repairs = await Store.RecoverAsync(CancellationToken.None);

        Assert.DoesNotContain(repairs, r => r.Contains("power cut", StringComparison.Ordinal));
        Assert.Equal(
            ["state/budget.json", "state/goals/G-0001.json", "state/notes.json", "state/tasks/backlog/00/T-0001.json"],
            Store.ListQuarantined().Select(q => q.Origin).Order(StringComparer.Ordinal));
        Assert.Contains("does not extend the lineage's copy", Store.ListQuarantined().Single(q => q.Origin.EndsWith("T-0001.json", StringComparison.Ordinal)).Problem, StringComparison.Ordinal);
        var log = await git.OutputAsync(["log", "-p", $"{tipBefore.Trim()}..clawclip/state"], CancellationToken.None);
        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain("this is not a budget", log, StringComparison.Ordinal);
        Assert.DoesNotContain("\"priority\": 99", log, StringComparison.Ordinal);
        Assert.DoesNotContain("state reconciled with the files", log, StringComparison.Ordinal);
        Assert.Empty(await Store.RecoverAsync(CancellationToken.None)); // settled: a second start-up finds nothing
    }

    [Fact]
    public async Task Recover_CommitsAnOutageFileWhoseRecordWasLost_AndQuarantinesOneItCannotParse()
    {
        await SubmitAsync("work");
        var state = new ClawClip.Core.Outages.OutageState([], repository.Clock.GetUtcNow(), "every agent's runs fail on the model's API");
        File.WriteAllBytes(Layout.OutagePath, OutageFile.Serialize(state)); // as a decision whose lineage record a power cut lost

        await Store.RecoverAsync(CancellationToken.None);

        Assert.Empty(Store.ListQuarantined());
        var committed = await git.OutputAsync(["show", "clawclip/state:outage.json"], CancellationToken.None);
        Assert.Contains("every agent's runs fail on the model's API", committed, StringComparison.Ordinal);

        File.WriteAllText(Layout.OutagePath, "{ not an outage");
        await Store.RecoverAsync(CancellationToken.None);

        Assert.Equal(["state/outage.json"], Store.ListQuarantined().Select(q => q.Origin));
    }

    [Fact]
    public async Task AQuarantineCutShort_IsRolledForwardAfterTheMove_AndBackBeforeIt_AndDoneOnceEitherWay()
    {
        var task = await SubmitAsync("work");
        var origin = Layout.TaskPath(TaskState.Backlog, task.Id);
        File.WriteAllText(origin, "{}");
        var deferred = new FileStateStore(Layout, new GitLineageBranch(git), repository.Clock, new StateStoreOptions { FlushAfterEachChange = false });
        Assert.Null(await deferred.FindAsync(task.Id, CancellationToken.None));
        var ready = Assert.Single(Directory.EnumerateFiles(Layout.PendingRoot, "*.ready.json"));
        var first = Assert.Single(deferred.ListQuarantined());

        // Died after the note, before the rename: the intent is there, the file is still where it was.
        File.Move(ready, ready.Replace(".ready.json", ".intent.json", StringComparison.Ordinal));
        File.Move(Path.Combine(repository.Root, first.Path), origin);

        await Store.RecoverAsync(CancellationToken.None);

        var second = Assert.Single(Store.ListQuarantined()); // the cut-short one rolled back (its note gone), the file taken anew
        Assert.NotEqual(first.Path, second.Path);
        Assert.False(File.Exists(origin));
        Assert.False(Store.HasPendingLineage());
        Assert.Single((await LogAsync("%s")).Split('\n'), s => s.StartsWith("quarantined ", StringComparison.Ordinal));

        // Died after the rename, before the record was marked ready: rolled forward, committed once.
        var other = await SubmitAsync("other");
        File.WriteAllText(Layout.TaskPath(TaskState.Backlog, other.Id), "{}");
        Assert.Null(await deferred.FindAsync(other.Id, CancellationToken.None));
        ready = Assert.Single(Directory.EnumerateFiles(Layout.PendingRoot, "*.ready.json"));
        File.Move(ready, ready.Replace(".ready.json", ".intent.json", StringComparison.Ordinal));

        await Store.RecoverAsync(CancellationToken.None);

        Assert.Equal(2, Store.ListQuarantined().Count);
        Assert.Equal(2, (await LogAsync("%s")).Split('\n').Count(s => s.StartsWith("quarantined ", StringComparison.Ordinal)));
        Assert.Equal(Store.ListQuarantined().Count, (await TreeAsync()).Count(p => p.StartsWith("quarantine/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AQuarantine_IsAlertedOnceItsLineageCommitIsWritten()
    {
        var alerts = new RecordingAlerts();
        var deferred = new FileStateStore(Layout, new GitLineageBranch(git), repository.Clock, new StateStoreOptions { FlushAfterEachChange = false });
        deferred.ReportQuarantinesTo(alerts);
        var task = await SubmitAsync("work");
        File.WriteAllText(Layout.TaskPath(TaskState.Backlog, task.Id), "{}");

        Assert.Empty(await deferred.ListAsync(CancellationToken.None));
        Assert.Empty(alerts.Raised); // its commit is not written yet

        await deferred.FlushLineageAsync(CancellationToken.None);

        var alert = Assert.Single(alerts.Raised);
        Assert.Equal(AlertKind.StateQuarantined, alert.Kind);
        Assert.Equal("quarantined state/tasks/backlog/00/T-0001.json", alert.Title);
        Assert.Contains("\"schema\" is missing", alert.Text, StringComparison.Ordinal);
        Assert.Contains("quarantined state/tasks/backlog/00/T-0001.json", await LogAsync("%s"), StringComparison.Ordinal);
    }

    private static ClaimRequest Request() => new(Dev, new HashSet<string>(), Tier.Intern);

    private Task<TaskRecord> SubmitAsync(string title, int priority = 50) =>
        Store.SubmitAsync(new TaskDefinition(title, "spec", [], priority, [], null, [], 3), Actor.Human, "test", CancellationToken.None);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private async Task<string> LogAsync(string format) =>
        await git.OutputAsync(["log", "clawclip/state", $"--format={format}"], CancellationToken.None);

    private async Task<IReadOnlyCollection<string>> TreeAsync()
    {
        var branch = new GitLineageBranch(git);
        return [.. (await branch.ListFilesAsync((await branch.TipAsync(CancellationToken.None))!, CancellationToken.None)).Keys];
    }

    private sealed class RecordingAlerts : IAlerts
    {
        public List<Alert> Raised { get; } = [];

        public ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken)
        {
            Raised.Add(alert);
            return ValueTask.CompletedTask;
        }
    }
}
