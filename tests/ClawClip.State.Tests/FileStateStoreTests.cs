using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests;

public sealed class FileStateStoreTests : IAsyncLifetime
{
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private TestRepository repository = null!;

    private FileStateStore Store => repository.Store;

    public async Task InitializeAsync() => repository = await TestRepository.CreateAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        repository.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ClaimNext_TakesTheHighestPriorityTaskWhoseSkillsTheAgentHas()
    {
        await SubmitAsync("low", priority: 10);
        await SubmitAsync("high but needs rust", priority: 90, skills: ["rust"]);
        var expected = await SubmitAsync("high enough", priority: 60, skills: ["csharp"]);

        var result = await Store.ClaimNextAsync(Request("csharp"), CancellationToken.None);

        Assert.Equal(expected.Id, Assert.IsType<ClaimResult.Claimed>(result).Task.Id);
    }

    [Fact]
    public async Task ClaimNext_AmongEqualPriorities_TakesTheOldest()
    {
        var first = await SubmitAsync("first");
        await SubmitAsync("second");

        var result = await Store.ClaimNextAsync(Request(), CancellationToken.None);

        Assert.Equal(first.Id, Assert.IsType<ClaimResult.Claimed>(result).Task.Id);
    }

    [Fact]
    public async Task ClaimNext_SkipsATaskWhoseDependenciesAreNotDone_UntilTheyAre()
    {
        var dependency = await SubmitAsync("first", priority: 10);
        var dependent = await SubmitAsync("second", priority: 90, dependsOn: [dependency.Id]);

        var first = await Store.ClaimNextAsync(Request(), CancellationToken.None);
        Assert.Equal(dependency.Id, Assert.IsType<ClaimResult.Claimed>(first).Task.Id);
        Assert.IsType<ClaimResult.NothingToClaim>(await Store.ClaimNextAsync(Request(), CancellationToken.None));

        foreach (var to in new[] { TaskState.Running, TaskState.Review, TaskState.Merging, TaskState.Done })
        {
            await MoveAsync(dependency.Id, to);
        }

        var second = await Store.ClaimNextAsync(Request(), CancellationToken.None);
        Assert.Equal(dependent.Id, Assert.IsType<ClaimResult.Claimed>(second).Task.Id);
    }

    [Fact]
    public async Task Claim_WhileAnEmergencyStopIsInForce_IsRefusedUntilResumed()
    {
        await SubmitAsync("work");
        await Store.StopAsync(Actor.Human, "runaway cost", CancellationToken.None);

        var refused = await Store.ClaimNextAsync(Request(), CancellationToken.None);
        Assert.Equal("runaway cost", Assert.IsType<ClaimResult.Stopped>(refused).Stop.Reason);

        Assert.True(await Store.ResumeAsync(Actor.Human, "checked", CancellationToken.None));
        Assert.IsType<ClaimResult.Claimed>(await Store.ClaimNextAsync(Request(), CancellationToken.None));
    }

    [Fact]
    public async Task Claim_WritesTheTaskAndTheAgentsCurrentTask_UnderALease()
    {
        var task = await SubmitAsync("work");

        await Store.ClaimNextAsync(Request(), CancellationToken.None);

        var claimed = await Store.FindAsync(task.Id, CancellationToken.None);
        Assert.Equal(TaskState.Claimed, claimed!.Status);
        Assert.Equal(repository.Clock.GetUtcNow() + Tier.Intern.LeaseLength(), claimed.Lease!.ExpiresAt);
        Assert.False(File.Exists(repository.Layout.TaskPath(TaskState.Backlog, task.Id)));
        var current = await Store.ReadCurrentTaskAsync(Dev, CancellationToken.None);
        Assert.Equal(task.Id, current.Task);
        Assert.Equal(claimed.Lease, current.Lease);
    }

    [Fact]
    public async Task Transition_ThatRanAnAgent_KeepsItsCostTurnsTokensAndSessionInTheFile()
    {
        var task = await SubmitAsync("work");
        await Store.ClaimNextAsync(Request(), CancellationToken.None);

        await Store.TransitionAsync(
            new TransitionRequest(task.Id, TaskState.Running, Actor.Agent(Dev, Tier.Intern), "started", "test") { CostUsd = 0.125m, Turns = 6, Tokens = 48_000, Session = "5b0c6f1e" },
            CancellationToken.None);

        // Read back from the file the transition wrote.
        var last = (await Store.FindAsync(task.Id, CancellationToken.None))!.History[^1];
        Assert.Equal((0.125m, 6, 48_000L, "5b0c6f1e"), (last.CostUsd, last.Turns, last.Tokens, last.Session));
    }

    [Fact]
    public async Task Find_ATaskFileWrittenBeforeTokensWereRecorded_ReadsWithNoTokens()
    {
        var task = await SubmitAsync("old work");
        var path = repository.Layout.TaskPath(TaskState.Backlog, task.Id);
        var old = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var e in old["history"]!.AsArray())
        {
            Assert.True(e!.AsObject().Remove("tokens"), "the writer writes tokens on every event");
        }

        File.WriteAllText(path, old.ToJsonString());

        var read = await Store.FindAsync(task.Id, CancellationToken.None);

        Assert.Null(Assert.Single(read!.History).Tokens);
        Assert.Equal(0, read.TotalTokens);
    }

    [Fact]
    public async Task Find_ATaskFileWithNegativeTokens_IsRefusedNamingTheFileAndTheEvent()
    {
        var task = await SubmitAsync("bad tokens");
        var path = repository.Layout.TaskPath(TaskState.Backlog, task.Id);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"tokens\": null", "\"tokens\": -5", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidStateFileException>(() => TaskFile.Deserialize(File.ReadAllBytes(path), repository.Layout.Display(path), task.Id));

        Assert.Contains("history[0].tokens is -5", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("state/tasks/backlog/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transition_FromAStateTheTaskIsNotIn_ReportsWhereItIs()
    {
        var task = await SubmitAsync("work");
        var request = new TransitionRequest(task.Id, TaskState.Review, Actor.Agent(Dev, Tier.Intern), "done", "test") { ExpectedFrom = TaskState.Running };

        var result = await Store.TransitionAsync(request, CancellationToken.None);

        Assert.Equal(TaskState.Backlog, Assert.IsType<TransitionResult.WrongStatus>(result).Actual);
    }

    [Fact]
    public async Task Transition_ThatIsNotAllowed_ThrowsNamingBothStates_AndChangesNothing()
    {
        var task = await SubmitAsync("work");
        var before = File.ReadAllText(repository.Layout.TaskPath(TaskState.Backlog, task.Id));

        var error = await Assert.ThrowsAsync<IllegalTransitionException>(() => MoveAsync(task.Id, TaskState.Done));

        Assert.Contains("backlog → done", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(repository.Layout.TaskPath(TaskState.Backlog, task.Id)));
        Assert.False(Store.HasPendingLineage());
    }

    [Fact]
    public async Task Reap_ReturnsAnExpiredClaim_AndFailsItOnceItsAttemptsAreUsed()
    {
        var task = await SubmitAsync("flaky", maxAttempts: 2);
        await Store.ClaimNextAsync(Request(), CancellationToken.None);

        Assert.Empty((await Store.ReapAsync(CancellationToken.None)).Requeued); // not expired yet
        repository.Clock.Advance(Tier.Intern.LeaseLength());
        Assert.Equal([task.Id], (await Store.ReapAsync(CancellationToken.None)).Requeued);

        await Store.ClaimNextAsync(Request(), CancellationToken.None);
        repository.Clock.Advance(Tier.Intern.LeaseLength());
        Assert.Equal([task.Id], (await Store.ReapAsync(CancellationToken.None)).Failed);
        Assert.Null((await Store.ReadCurrentTaskAsync(Dev, CancellationToken.None)).Task);
    }

    [Fact]
    public async Task SaveSnapshot_WritesTheFileAndCommitsIt()
    {
        var snapshot = new ContextSnapshot(Dev, null, "session-1", "half done", ["a.cs"], [new ReviewComment("a.cs", 3, "name it")], repository.Clock.GetUtcNow());

        await Store.SaveSnapshotAsync(snapshot, "progress saved", CancellationToken.None);

        var read = await Store.ReadSnapshotAsync(Dev, CancellationToken.None);
        Assert.Equal("session-1", read.SessionId);
        Assert.Equal("name it", Assert.Single(read.QaComments).Comment);
        var git = new ClawClip.Git.GitCli(repository.Root, new ClawClip.Processes.ProcessRunner());
        Assert.Equal("dev-1 context snapshot saved", (await git.OutputAsync(["log", "-1", "--format=%s", "clawclip/state"], CancellationToken.None)).Trim());
    }

    [Fact]
    public async Task Submit_WithADamagedIdHint_AsksTheDiskForTheNextId()
    {
        await SubmitAsync("one");
        await File.WriteAllTextAsync(repository.Layout.NextIdHintPath, "99999999999999999999999");

        var next = await SubmitAsync("two");

        Assert.Equal("T-0002", next.Id.Value);
    }

    private static ClaimRequest Request(params string[] skills) => new(Dev, skills.ToHashSet(), Tier.Intern);

    private Task<TaskRecord> SubmitAsync(string title, int priority = 50, string[]? skills = null, TaskId[]? dependsOn = null, int maxAttempts = 3) =>
        Store.SubmitAsync(new TaskDefinition(title, "spec", [], priority, skills ?? [], null, dependsOn ?? [], maxAttempts), Actor.Human, "test", CancellationToken.None);

    private Task<TransitionResult> MoveAsync(TaskId id, TaskState to) =>
        Store.TransitionAsync(new TransitionRequest(id, to, Actor.Agent(Dev, Tier.Intern), "test", "test"), CancellationToken.None);
}
