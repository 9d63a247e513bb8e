using System.Text.Json;
using System.Text.Json.Nodes;
using ClawClip.Core.Agents;
using ClawClip.Core.Goals;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests.Schemas;

/// <summary>
/// The files the real store writes, on a real git repository, checked against the schemas in
/// <c>schemas/</c>; and the schemas refusing what claw.clip itself refuses.
/// </summary>
public sealed class SchemaConformanceTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private static readonly AgentId Qa = AgentId.Parse("qa-1");

    private readonly MiniJsonSchemaValidator taskSchema = SchemaDirectory.Load("task.schema.json");
    private readonly MiniJsonSchemaValidator currentTaskSchema = SchemaDirectory.Load("current-task.schema.json");
    private readonly MiniJsonSchemaValidator snapshotSchema = SchemaDirectory.Load("context-snapshot.schema.json");
    private readonly MiniJsonSchemaValidator outboxSchema = SchemaDirectory.Load("outbox.schema.json");

    [Fact]
    public async Task SubmittedTask_WithEveryFieldSet_MatchesTheTaskSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var first = await repo.Store.SubmitAsync(Definition("Write the parser"), Actor.Human, "a person asked for it", None);
        var task = await repo.Store.SubmitAsync(
            Definition("Parse ROADMAP.md task lists") with
            {
                Acceptance = ["nested lists keep their order", "a ticked box is done"],
                Priority = 100,
                Skills = ["csharp", "c++", "docs"],
                Goal = GoalId.Parse("G-3f9a2c1b"),
                DependsOn = [first.Id],
                MaxAttempts = 100,
            },
            Actor.Human,
            "the planner split the goal",
            None);

        var json = repo.ReadTaskFile(TaskState.Backlog, task.Id);

        AssertConforms(taskSchema, json);
        using var file = JsonDocument.Parse(json);
        Assert.Equal("G-3f9a2c1b", file.RootElement.GetProperty("goal").GetString());
        Assert.Equal(JsonValueKind.Null, file.RootElement.GetProperty("holder").ValueKind);
    }

    [Fact]
    public async Task SubmittedTask_WithOnlyATitle_MatchesTheTaskSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var task = await repo.Store.SubmitAsync(Definition("Tidy the README") with { Priority = 0, MaxAttempts = 1 }, Actor.Human, "", None);

        var json = repo.ReadTaskFile(TaskState.Backlog, task.Id);

        AssertConforms(taskSchema, json);
        using var file = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, file.RootElement.GetProperty("goal").ValueKind);
    }

    [Fact]
    public async Task ClaimedTask_WithHolderAndLease_MatchesTheTaskSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);
        await repo.Store.SubmitAsync(Definition("Add the reaper") with { Skills = ["csharp"] }, Actor.Human, "needed", None);

        var claimed = Assert.IsType<ClaimResult.Claimed>(
            await repo.Store.ClaimNextAsync(new ClaimRequest(Dev, new HashSet<string> { "csharp" }, Tier.Junior), None));
        var json = repo.ReadTaskFile(TaskState.Claimed, claimed.Task.Id);

        AssertConforms(taskSchema, json);
        using var file = JsonDocument.Parse(json);
        Assert.Equal("dev-1", file.RootElement.GetProperty("holder").GetString());
        Assert.Equal(JsonValueKind.Object, file.RootElement.GetProperty("lease").ValueKind);
        Assert.Equal("junior", file.RootElement.GetProperty("history")[1].GetProperty("tier").GetString());
    }

    [Fact]
    public async Task TaskMovedThroughReviewToDoneWithCosts_MatchesTheTaskSchemaAtEveryStep()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var id = (await repo.Store.SubmitAsync(Definition("Add the merge queue"), Actor.Human, "needed", None)).Id;
        await ClaimAsync(repo, id, Dev, Tier.Senior);
        AssertConforms(taskSchema, repo.ReadTaskFile(TaskState.Claimed, id));

        var developer = Actor.Agent(Dev, Tier.Senior);
        var reviewer = Actor.Agent(Qa, Tier.Principal);
        (TaskState To, Actor By, decimal? Cost)[] steps =
        [
            (TaskState.Running, developer, null),
            (TaskState.Review, developer, 0.4213m),
            (TaskState.Running, reviewer, 0.05m),
            (TaskState.Review, developer, 0.1m),
            (TaskState.Merging, reviewer, 0.02m),
            (TaskState.Done, reviewer, 0m),
        ];
        foreach (var (to, by, cost) in steps)
        {
            repo.Clock.Advance(TimeSpan.FromMinutes(7));
            await MoveAsync(repo, id, to, by, cost);

            AssertConforms(taskSchema, repo.ReadTaskFile(to, id));
        }

        using var done = JsonDocument.Parse(repo.ReadTaskFile(TaskState.Done, id));
        Assert.Equal(8, done.RootElement.GetProperty("history").GetArrayLength());
        Assert.Equal(0.4213m, done.RootElement.GetProperty("history")[3].GetProperty("cost_usd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, done.RootElement.GetProperty("lease").ValueKind);
    }

    [Fact]
    public async Task TaskAskingAQuestionThenCanceled_MatchesTheTaskSchemaAtEveryStep()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var id = (await repo.Store.SubmitAsync(Definition("Choose a licence"), Actor.Human, "needed", None)).Id;
        await ClaimAsync(repo, id, Dev, Tier.Intern);
        await MoveAsync(repo, id, TaskState.Running, Actor.Agent(Dev, Tier.Intern), null);

        await MoveAsync(repo, id, TaskState.NeedsInput, Actor.Agent(Dev, Tier.Intern), 0.3m);
        AssertConforms(taskSchema, repo.ReadTaskFile(TaskState.NeedsInput, id));

        await MoveAsync(repo, id, TaskState.Canceled, Actor.Human, null);
        AssertConforms(taskSchema, repo.ReadTaskFile(TaskState.Canceled, id));
    }

    [Fact]
    public async Task TasksTakenBackByTheReaper_MatchTheTaskSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var requeued = (await repo.Store.SubmitAsync(Definition("Retry me") with { MaxAttempts = 2 }, Actor.Human, "needed", None)).Id;
        var failed = (await repo.Store.SubmitAsync(Definition("One chance") with { MaxAttempts = 1 }, Actor.Human, "needed", None)).Id;
        await ClaimAsync(repo, requeued, Dev, Tier.Intern);
        await ClaimAsync(repo, failed, Qa, Tier.Intern);
        repo.Clock.Advance(Tier.Intern.LeaseLength() + TimeSpan.FromSeconds(1));

        var report = await repo.Store.ReapAsync(None);

        Assert.Equal([requeued], report.Requeued);
        Assert.Equal([failed], report.Failed);
        AssertConforms(taskSchema, repo.ReadTaskFile(TaskState.Backlog, requeued));
        AssertConforms(taskSchema, repo.ReadTaskFile(TaskState.Failed, failed));
    }

    [Fact]
    public async Task CurrentTask_OfAnAgentHoldingATask_MatchesItsSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var id = (await repo.Store.SubmitAsync(Definition("Hold me"), Actor.Human, "needed", None)).Id;
        await ClaimAsync(repo, id, Dev, Tier.Senior);
        await MoveAsync(repo, id, TaskState.Running, Actor.Agent(Dev, Tier.Senior), null);

        var json = File.ReadAllText(repo.Layout.CurrentTaskPath(Dev));

        AssertConforms(currentTaskSchema, json);
        using var file = JsonDocument.Parse(json);
        Assert.Equal(id.Value, file.RootElement.GetProperty("task").GetString());
        Assert.Equal("running", file.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task CurrentTask_OfAnAgentThatLetItsTaskGo_MatchesItsSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var id = (await repo.Store.SubmitAsync(Definition("Let me go"), Actor.Human, "needed", None)).Id;
        await ClaimAsync(repo, id, Dev, Tier.Senior);
        await MoveAsync(repo, id, TaskState.Running, Actor.Agent(Dev, Tier.Senior), null);
        await MoveAsync(repo, id, TaskState.NeedsInput, Actor.Agent(Dev, Tier.Senior), null);

        var json = File.ReadAllText(repo.Layout.CurrentTaskPath(Dev));

        AssertConforms(currentTaskSchema, json);
        using var file = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, file.RootElement.GetProperty("task").ValueKind);
        Assert.Equal(0, file.RootElement.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task ContextSnapshot_WithQaComments_MatchesItsSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var snapshot = new ContextSnapshot(
            Dev,
            TaskId.Parse("T-0042"),
            "5d1c7e0a-session",
            "Parser done; \"quotes\" and → arrows stay as written.",
            ["src/ClawClip.Roadmap/Parser.cs", "tests/ClawClip.Roadmap.Tests/ParserTests.cs"],
            [new ReviewComment("src/ClawClip.Roadmap/Parser.cs", 42, "name the magic number"), new ReviewComment("README.md", 1, "say why")],
            repo.Clock.GetUtcNow());

        await repo.Store.SaveSnapshotAsync(snapshot, "saved after the first QA round", None);

        AssertConforms(snapshotSchema, File.ReadAllText(repo.Layout.SnapshotPath(Dev)));
    }

    [Fact]
    public async Task ContextSnapshot_ThatIsEmpty_MatchesItsSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);

        await repo.Store.SaveSnapshotAsync(ContextSnapshot.Empty(Dev, repo.Clock.GetUtcNow()), "reset", None);

        AssertConforms(snapshotSchema, File.ReadAllText(repo.Layout.SnapshotPath(Dev)));
    }

    [Fact]
    public async Task Outbox_WithResultFollowUpsAndQuestions_MatchesItsSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var outbox = new Outbox(
            Dev,
            TaskId.Parse("T-12345"),
            "Parser written and tested.",
            [new FollowUp("Handle tables", "Roadmap items inside tables are skipped today."), new FollowUp("Speed up", "")],
            ["May the parser drop HTML comments?"],
            repo.Clock.GetUtcNow());

        await repo.Store.WriteOutboxAsync(outbox, "handing off", None);

        AssertConforms(outboxSchema, File.ReadAllText(repo.Layout.OutboxPath(Dev)));
    }

    [Fact]
    public async Task Outbox_ThatIsEmpty_MatchesItsSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);

        await repo.Store.WriteOutboxAsync(Outbox.Empty(Dev, repo.Clock.GetUtcNow()), "cleared", None);

        AssertConforms(outboxSchema, File.ReadAllText(repo.Layout.OutboxPath(Dev)));
    }

    [Fact]
    public async Task TaskFile_WithAnUnknownProperty_IsRefusedByTheSchemaAndByTheStore()
    {
        using var repo = await TestRepository.CreateAsync(None);

        await AssertRefusedAsync(repo, file => file["colour"] = "blue", "\"colour\"");
    }

    [Fact]
    public async Task TaskFile_WithAnUnknownStateName_IsRefusedByTheSchemaAndByTheStore()
    {
        using var repo = await TestRepository.CreateAsync(None);

        await AssertRefusedAsync(repo, file => file["status"] = "finished", "$.status");
    }

    [Fact]
    public async Task TaskFile_WithAnUnknownStateNameInItsHistory_IsRefusedByTheSchemaAndByTheStore()
    {
        using var repo = await TestRepository.CreateAsync(None);

        await AssertRefusedAsync(repo, file => file["history"]![0]!["to"] = "Backlog", "$.history[0].to");
    }

    [Fact]
    public async Task TaskFile_WithoutARequiredField_IsRefusedByTheSchemaAndByTheStore()
    {
        using var repo = await TestRepository.CreateAsync(None);

        await AssertRefusedAsync(repo, file => file.Remove("max_attempts"), "\"max_attempts\"");
    }

    [Fact]
    public async Task CurrentTask_NamingAStatusNoAgentHolds_IsRefusedByTheSchema()
    {
        using var repo = await TestRepository.CreateAsync(None);
        var id = (await repo.Store.SubmitAsync(Definition("Hold me"), Actor.Human, "needed", None)).Id;
        await ClaimAsync(repo, id, Dev, Tier.Senior);
        var file = JsonNode.Parse(File.ReadAllText(repo.Layout.CurrentTaskPath(Dev)))!.AsObject();

        file["status"] = "done";

        Assert.Contains(currentTaskSchema.Validate(file.ToJsonString()), e => e.StartsWith("$.status:", StringComparison.Ordinal));
    }

    private static TaskDefinition Definition(string title) =>
        new(title, "What to build.", [], TaskDefinition.DefaultPriority, [], null, [], TaskDefinition.DefaultMaxAttempts);

    private static async Task ClaimAsync(TestRepository repo, TaskId id, AgentId agent, Tier tier) =>
        Assert.IsType<ClaimResult.Claimed>(await repo.Store.TryClaimAsync(id, new ClaimRequest(agent, new HashSet<string>(), tier), None));

    private static async Task MoveAsync(TestRepository repo, TaskId id, TaskState to, Actor by, decimal? cost) =>
        Assert.IsType<TransitionResult.Moved>(
            await repo.Store.TransitionAsync(new TransitionRequest(id, to, by, $"moved to {to.Name()}", "test.step") { CostUsd = cost }, None));

    private static void AssertConforms(MiniJsonSchemaValidator schema, string json)
    {
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors) + Environment.NewLine + json);
    }

    /// <summary>
    /// Breaks a real task file with <paramref name="edit"/>, then checks that the schema reports it at
    /// <paramref name="expectedInError"/> and that the store itself refuses to read it.
    /// </summary>
    private async Task AssertRefusedAsync(TestRepository repo, Action<JsonObject> edit, string expectedInError)
    {
        var id = (await repo.Store.SubmitAsync(Definition("Break me"), Actor.Human, "needed", None)).Id;
        var path = repo.Layout.TaskPath(TaskState.Backlog, id);
        var file = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        AssertConforms(taskSchema, file.ToJsonString());

        edit(file);
        var broken = file.ToJsonString();
        File.WriteAllText(path, broken);

        Assert.Contains(taskSchema.Validate(broken), e => e.Contains(expectedInError, StringComparison.Ordinal));
        Assert.Throws<InvalidStateFileException>(() => TaskFile.Deserialize(File.ReadAllBytes(path), repo.Layout.Display(path), id)); // the store's reader (it then quarantines the file)
    }
}
