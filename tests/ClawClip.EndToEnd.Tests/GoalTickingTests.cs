using System.Collections.Concurrent;
using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Goals;
using ClawClip.Core.Pipeline;
using ClawClip.Core.Planning;
using ClawClip.Core.Policies;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;
using ClawClip.EndToEnd.Tests.Support;
using ClawClip.Git;
using ClawClip.Processes;
using ClawClip.Roadmap;
using ClawClip.State;

namespace ClawClip.EndToEnd.Tests;

/// <summary>
/// The PM's rule for a goal's box, on a real repository: ticked only when every task of the goal landed a commit that
/// main contains; marked failed, with an alert, while one of its tasks is failed, and planned again once it is retried.
/// </summary>
public sealed class GoalTickingTests : IAsyncLifetime, IDisposable
{
    private static readonly AgentId Dev = AgentId.Parse("dev-1");
    private readonly TempGitRepository repository = new();
    private readonly RecordingAlerts alerts = new();
    private readonly RecordingObserver observer = new();
    private FileStateStore store = null!;
    private RoadmapGoal goal = null!;
    private TaskId task;

    public async Task InitializeAsync()
    {
        const string Roadmap = "# Roadmap\n\n- [ ] Greet the world <!-- goal: greet -->\n";
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "ROADMAP.md"), Roadmap);
        repository.Git("add", "ROADMAP.md");
        repository.Git("commit", "-q", "-m", "the roadmap");
        store = await Stores.InitializedWithTasksAsync(repository, tasks: 0);

        // The goal as the PM planned it earlier: one task.
        goal = Assert.IsType<RoadmapGoalsRead>(RoadmapReader.Parse("ROADMAP.md", Roadmap)).Goals.Single();
        var definition = new TaskDefinition("greet", "print hello", [], TaskDefinition.DefaultPriority, [], goal.Id, [], TaskDefinition.DefaultMaxAttempts);
        task = (await store.SubmitAsync(definition, Actor.Human, "planned", CancellationToken.None)).Id;
        var record = new GoalRecord(goal.Id, goal.Text, GoalRecord.FingerprintOf(goal), GoalStatus.Planned, [task], "planned by the test", DateTimeOffset.UtcNow);
        await store.WriteGoalAsync(record, Actor.Human, $"{goal.Id} planned: 1 task(s)", "planned by the test", PlanningPolicies.GoalPlanned, CancellationToken.None);
        Assert.IsType<ClaimResult.Claimed>(await store.TryClaimAsync(task, new ClaimRequest(Dev, new HashSet<string>(), Tier.Junior), CancellationToken.None));
        await MoveAsync(TaskState.Running);
        await store.FlushLineageAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => repository.Dispose();

    [Fact]
    public async Task Pm_LeavesTheBoxOfAGoalWhoseDoneTaskLandedNoCommitOnMain_AndTicksItOnceMainHasTheCommit()
    {
        // The task "landed" a commit that only a side branch has.
        repository.Git("checkout", "-q", "-b", "side");
        await File.WriteAllTextAsync(Path.Combine(repository.Root, "hello.txt"), "hello\n");
        repository.Git("add", "hello.txt");
        repository.Git("commit", "-q", "-m", "hello");
        var landing = repository.Git("rev-parse", "HEAD").Trim();
        repository.Git("checkout", "-q", "main");
        await MoveAsync(TaskState.Review);
        await MoveAsync(TaskState.Merging);
        await MoveAsync(TaskState.Done, commit: landing);

        await Planner().RunAsync(CancellationToken.None);

        Assert.Contains("- [ ] Greet the world", repository.Git("show", "main:ROADMAP.md"), StringComparison.Ordinal);
        Assert.Equal(GoalStatus.Planned, (await GoalAsync()).Status);
        Assert.Contains(observer.Lines, s => s.Contains($"{task} is done but its landing {landing[..10]} is not on main", StringComparison.Ordinal));

        repository.Git("merge", "-q", "--ff-only", "side");
        await Planner().RunAsync(CancellationToken.None);

        Assert.Contains("- [x] Greet the world", repository.Git("show", "main:ROADMAP.md"), StringComparison.Ordinal);
        Assert.Equal(GoalStatus.Done, (await GoalAsync()).Status);
        Assert.Contains($"{task} as {landing[..10]}", repository.Git("log", "-1", "--format=%B", "main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pm_MarksAGoalWithAFailedTaskFailed_AndAlertsOnce_ThenPlansItAgainOnceTheTaskIsRetried()
    {
        await MoveAsync(TaskState.Failed);

        await Planner().RunAsync(CancellationToken.None);
        await Planner().RunAsync(CancellationToken.None);

        var failed = await GoalAsync();
        Assert.Equal(GoalStatus.Failed, failed.Status);
        Assert.Contains("\"status\": \"failed\"", await File.ReadAllTextAsync(Path.Combine(repository.Root, "state", "goals", $"{goal.Id}.json")), StringComparison.Ordinal);
        var alert = Assert.Single(alerts.Raised);
        Assert.Equal(AlertKind.GoalFailed, alert.Kind);
        Assert.Equal(task, alert.Task);
        Assert.Contains($"{goal.Id} failed: {task} failed", alert.Title, StringComparison.Ordinal);
        Assert.Contains($"clawclip-pm|{goal.Id} failed: {task} failed|pm.goal-failed", Lineage());
        Assert.Contains($"Greet the world  (failed: {task} failed", await Clawclip.OkAsync(repository.Root, "goals"), StringComparison.Ordinal);
        Assert.Contains("- [ ] Greet the world", repository.Git("show", "main:ROADMAP.md"), StringComparison.Ordinal);

        await Clawclip.OkAsync(repository.Root, "retry", task.Value, "--reason", "worth another go");
        await Planner().RunAsync(CancellationToken.None);

        Assert.Equal(GoalStatus.Planned, (await GoalAsync()).Status);
        Assert.Contains($"clawclip-pm|{goal.Id} planned again|pm.goal-resumed", Lineage());
    }

    private RoadmapPlanner Planner()
    {
        var git = new GitCli(repository.Root, new ProcessRunner());
        var runner = new ProcessRunner();
        return new RoadmapPlanner(
            new GitRoadmapSource(git, runner, "main", (name, bytes) => RoadmapReader.Parse(name, bytes)),
            store,
            store,
            store,
            store,
            new GitRoadmapTicker(git, runner, "main", new AgentIdentity("clawclip-pm", "pm@clawclip.invalid")),
            new GitCommitAncestry(git),
            alerts,
            new FileMergeLock(store.Layout),
            store,
            new GitPlanningCopies(git, repository.Clones, "main", runner),
            new Team([]),
            new PlannerSettings("main", FailurePolicy.Default),
            TimeProvider.System,
            observer);
    }

    private async Task MoveAsync(TaskState to, string? commit = null)
    {
        var request = new TransitionRequest(task, to, Actor.Agent(Dev, Tier.Junior), "moved by the test", "test") { Commit = commit };
        Assert.IsType<TransitionResult.Moved>(await store.TransitionAsync(request, CancellationToken.None));
        await store.FlushLineageAsync(CancellationToken.None);
    }

    private async Task<GoalRecord> GoalAsync() => (await store.ReadGoalsAsync(CancellationToken.None)).Single(g => g.Id == goal.Id);

    private string[] Lineage() =>
        repository.Git("log", "clawclip/state", "--format=%an|%s|%(trailers:key=Policy,valueonly,separator=)").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private sealed class RecordingAlerts : IAlerts
    {
        public ConcurrentQueue<Alert> Raised { get; } = new();

        public ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken)
        {
            Raised.Enqueue(alert);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RecordingObserver : IPipelineObserver
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public void Noted(TaskId task, string message) => Lines.Enqueue($"{task}: {message}");

        public void Said(string message) => Lines.Enqueue(message);
    }
}
