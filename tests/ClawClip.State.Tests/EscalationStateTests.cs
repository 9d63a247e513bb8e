using System.Text.Json.Nodes;
using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.State.Tests.Schemas;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests;

/// <summary>
/// What escalation adds to a task file, on a real store over a real git repository: the estimate, annotations and
/// min_tier — written, read back, checked against the schema, committed to the lineage, refused when malformed — and
/// claims that honour min_tier.
/// </summary>
public sealed class EscalationStateTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly AgentId Intern = AgentId.Parse("dev-1");
    private static readonly AgentId Junior = AgentId.Parse("dev-2");
    private readonly MiniJsonSchemaValidator taskSchema = SchemaDirectory.Load("task.schema.json");
    private TestRepository repo = null!;

    public async Task InitializeAsync() => repo = await TestRepository.CreateAsync(None);

    public Task DisposeAsync()
    {
        repo.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EstimateAnnotationAndMinTier_RoundTripThroughTheTaskFile_MatchTheSchema_AndAreInTheLineage()
    {
        var task = await repo.Store.SubmitAsync(Definition(estimate: 20), Actor.Human, "needed", None);
        await ClaimAsync(task.Id, Intern, Tier.Intern);
        await MoveAsync(task.Id, TaskState.Running, null);
        var noted = Assert.IsType<TransitionResult.Moved>(await repo.Store.AnnotateAsync(task.Id, TaskState.Running, Actor.ClawClip, "overdue; dev-1 is running it", "escalate.overdue", None));
        await MoveAsync(task.Id, TaskState.Backlog, Tier.Junior);

        var read = (await repo.Store.FindAsync(task.Id, None))!;

        Assert.Equal(20, read.Definition.EstimateMinutes);
        Assert.Equal(TaskEventKind.Annotation, read.History[3].Kind);
        Assert.Equal(TaskState.Running, read.History[3].From);
        Assert.Equal(TaskState.Running, read.History[3].To);
        Assert.Equal(Tier.Junior, read.MinTier);
        Assert.Equal(noted.Task.History[3], read.History[3]);
        var json = repo.ReadTaskFile(TaskState.Backlog, task.Id);
        AssertConforms(json);
        var file = JsonNode.Parse(json)!;
        Assert.Equal(20, file["estimate_minutes"]!.GetValue<int>());
        Assert.Equal("annotation", file["history"]![3]!["kind"]!.GetValue<string>());
        Assert.Equal("junior", file["history"]![4]!["min_tier"]!.GetValue<string>());
        Assert.Equal("transition", file["history"]![2]!["kind"]!.GetValue<string>());
        Assert.Null(file["history"]![2]!["min_tier"]);

        await repo.Store.FlushLineageAsync(None);
        var git = new GitCli(repo.Root, new ProcessRunner());
        var subjects = await git.OutputAsync(["log", "clawclip/state", "-n", "2", "--format=%s|%(trailers:key=Policy,valueonly,separator=)"], None);
        Assert.Equal($"{task.Id} running → backlog|escalate.test\n{task.Id} running: escalate.overdue|escalate.overdue", subjects.Trim());
    }

    [Fact]
    public async Task ATaskFileWrittenBeforeEstimatesAndEscalation_StillReads_WithNoEstimateAndEveryEventAMove()
    {
        var task = await repo.Store.SubmitAsync(Definition(estimate: null), Actor.Human, "needed", None);
        await ClaimAsync(task.Id, Intern, Tier.Intern);
        var path = repo.Layout.TaskPath(TaskState.Claimed, task.Id);
        var file = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        file.Remove("estimate_minutes");
        foreach (var e in file["history"]!.AsArray())
        {
            e!.AsObject().Remove("kind");
            e.AsObject().Remove("min_tier");
        }

        File.WriteAllText(path, file.ToJsonString());

        var read = await repo.Store.FindAsync(task.Id, None);

        Assert.Null(read!.Definition.EstimateMinutes);
        Assert.All(read.History, e => Assert.Equal(TaskEventKind.Transition, e.Kind));
        Assert.Null(read.MinTier);
        Assert.Equal("dev-1", read.Holder);
    }

    [Theory]
    [InlineData("estimate 0 minutes is out of range", "estimate_minutes", 0)]
    [InlineData("estimate 481 minutes is out of range", "estimate_minutes", 481)]
    [InlineData("$.estimate_minutes", "estimate_minutes", "20m")]
    public async Task ATaskFileWithAMalformedEstimate_IsRefusedNamingTheFileAndTheProblem(string expected, string field, object value)
    {
        var task = await repo.Store.SubmitAsync(Definition(estimate: 20), Actor.Human, "needed", None);

        var error = await BreakAsync(task.Id, TaskState.Backlog, file => file[field] = JsonValue.Create(value));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("min_tier", "boss", "history[1].min_tier 'boss' is not a tier")]
    [InlineData("kind", "note", "history[1].kind 'note' is not an event kind")]
    public async Task AnEventWithAMalformedMinTierOrKind_IsRefusedNamingTheFileAndTheEvent(string field, string value, string expected)
    {
        var task = await repo.Store.SubmitAsync(Definition(estimate: null), Actor.Human, "needed", None);
        await ClaimAsync(task.Id, Intern, Tier.Intern);

        var error = await BreakAsync(task.Id, TaskState.Claimed, file => file["history"]![1]![field] = value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnnotationThatClaimsToMoveTheTask_IsRefused()
    {
        var task = await repo.Store.SubmitAsync(Definition(estimate: null), Actor.Human, "needed", None);
        await ClaimAsync(task.Id, Intern, Tier.Intern);

        var error = await BreakAsync(task.Id, TaskState.Claimed, file => file["history"]![1]!["kind"] = "annotation", schemaSees: false); // the schema checks events one by one

        Assert.Contains("history[1] is an annotation, which leaves the task where it is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEscalatedTask_IsNeverClaimedByATierBelowItsMinTier_ButIsByOneAtIt()
    {
        var task = await repo.Store.SubmitAsync(Definition(estimate: null), Actor.Human, "needed", None);
        await ClaimAsync(task.Id, Intern, Tier.Intern);
        await MoveAsync(task.Id, TaskState.Backlog, Tier.Junior);

        Assert.IsType<ClaimResult.NothingToClaim>(await repo.Store.ClaimNextAsync(new ClaimRequest(Intern, new HashSet<string>(), Tier.Intern), None));
        Assert.IsType<ClaimResult.AlreadyClaimed>(await repo.Store.TryClaimAsync(task.Id, new ClaimRequest(Intern, new HashSet<string>(), Tier.Intern), None));
        var claimed = Assert.IsType<ClaimResult.Claimed>(await repo.Store.ClaimNextAsync(new ClaimRequest(Junior, new HashSet<string>(), Tier.Junior), None));

        Assert.Equal(task.Id, claimed.Task.Id);
        Assert.Equal("dev-2", claimed.Task.Holder);
    }

    private static TaskDefinition Definition(int? estimate) =>
        new("Write the answer", "What to build.", [], TaskDefinition.DefaultPriority, [], null, [], TaskDefinition.DefaultMaxAttempts) { EstimateMinutes = estimate };

    private async Task ClaimAsync(TaskId id, AgentId agent, Tier tier) =>
        Assert.IsType<ClaimResult.Claimed>(await repo.Store.TryClaimAsync(id, new ClaimRequest(agent, new HashSet<string>(), tier), None));

    private async Task MoveAsync(TaskId id, TaskState to, Tier? minTier) =>
        Assert.IsType<TransitionResult.Moved>(
            await repo.Store.TransitionAsync(new TransitionRequest(id, to, Actor.ClawClip, $"moved to {to.Name()}", minTier is null ? "test.step" : "escalate.test") { MinTier = minTier }, None));

    private Task<InvalidStateFileException> BreakAsync(TaskId id, TaskState status, Action<JsonObject> edit, bool schemaSees = true)
    {
        var path = repo.Layout.TaskPath(status, id);
        var file = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(file);
        File.WriteAllText(path, file.ToJsonString());
        if (schemaSees)
        {
            Assert.NotEmpty(taskSchema.Validate(file.ToJsonString()));
        }

        // The store's reader refuses it (and the store then quarantines it: see QuarantineTests).
        var error = Assert.Throws<InvalidStateFileException>(() => TaskFile.Deserialize(File.ReadAllBytes(path), repo.Layout.Display(path), id));
        Assert.StartsWith(error.DisplayPath + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(id.Value + ".json", error.DisplayPath, StringComparison.Ordinal);
        return Task.FromResult(error);
    }

    private void AssertConforms(string json)
    {
        var errors = taskSchema.Validate(json);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors) + Environment.NewLine + json);
    }
}
