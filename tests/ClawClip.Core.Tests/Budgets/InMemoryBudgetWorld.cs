using ClawClip.Core.Agents;
using ClawClip.Core.Alerts;
using ClawClip.Core.Budgets;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Budgets;

/// <summary>
/// Tasks, <c>state/budget.json</c> and alerts held in memory, for the gate's rules: the store's files and commits
/// are tested on a real repository in ClawClip.State.Tests.
/// </summary>
internal sealed class InMemoryBudgetWorld : ITaskStore, IBudgetState, ILineageWriter, IAlerts
{
    private readonly List<TaskRecord> tasks = [];

    public BudgetState State { get; private set; } = BudgetState.Empty;

    public List<BudgetDecision> Recorded { get; } = [];

    public List<Alert> Alerts { get; } = [];

    /// <summary>Decisions recorded since the last flush: what the lineage would not hold yet.</summary>
    public int Uncommitted { get; private set; }

    /// <summary>For each alert, whether every decision recorded before it was committed when it was raised.</summary>
    public List<bool> CommittedAtRaise { get; } = [];

    /// <summary>Adds a task that <paramref name="agent"/> ran at <paramref name="at"/>, spending <paramref name="usd"/> and <paramref name="tokens"/>.</summary>
    public TaskRecord AddRun(string agent, DateTimeOffset at, decimal usd, long tokens = 0, string? goal = null, TaskState to = TaskState.Review)
    {
        var definition = new TaskDefinition($"task {tasks.Count + 1}", string.Empty, [], TaskDefinition.DefaultPriority, [], goal is null ? null : ClawClip.Core.Goals.GoalId.Parse(goal), [], TaskDefinition.DefaultMaxAttempts);
        var task = TaskRecord.Submit(TaskId.Parse($"T-{tasks.Count + 1:0000}"), definition, "human", "asked", "intake.submit", at)
            .Claim(AgentId.Parse(agent), Tier.Intern, at, TimeSpan.FromMinutes(30), "mine", "claim.priority-and-skills")
            .MoveTo(TaskState.Running, agent, Tier.Intern, "started", "dev.start", at, leaseLength: TimeSpan.FromMinutes(30))
            .MoveTo(TaskState.Review, agent, Tier.Intern, "checks passed", "dev.checks-passed", at, usd, TimeSpan.FromMinutes(30), new AgentRunFacts(3, "s") { Tokens = tokens });
        if (to != TaskState.Review)
        {
            task = task.MoveTo(to, "qa-1", Tier.Intern, "verdict", "qa.approve", at, leaseLength: to.IsHeld() ? TimeSpan.FromMinutes(30) : null);
        }

        tasks.Add(task);
        return task;
    }

    public Task<IReadOnlyList<TaskRecord>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<TaskRecord>>([.. tasks]);

    public Task<BudgetState> ReadBudgetStateAsync(CancellationToken cancellationToken) => Task.FromResult(State);

    public Task<bool> RecordBudgetDecisionAsync(BudgetDecision decision, CancellationToken cancellationToken)
    {
        var after = State.Apply(decision);
        if (ReferenceEquals(after, State))
        {
            return Task.FromResult(false);
        }

        State = after;
        Recorded.Add(decision);
        Uncommitted++;
        return Task.FromResult(true);
    }

    public Task<FlushResult> FlushLineageAsync(CancellationToken cancellationToken)
    {
        var written = Uncommitted;
        Uncommitted = 0;
        return Task.FromResult(new FlushResult(written, LeftToHolder: false));
    }

    public Task FlushAndWaitAsync(CancellationToken cancellationToken) => FlushLineageAsync(cancellationToken);

    public ValueTask RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        Alerts.Add(alert);
        CommittedAtRaise.Add(Uncommitted == 0);
        return ValueTask.CompletedTask;
    }

    public Task<TaskRecord> SubmitAsync(TaskDefinition definition, Actor actor, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TaskRecord?> FindAsync(TaskId id, CancellationToken cancellationToken) => Task.FromResult(tasks.FirstOrDefault(t => t.Id == id));

    public Task<TransitionResult> TransitionAsync(TransitionRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TransitionResult> AnnotateAsync(TaskId task, TaskState expected, Actor actor, string reason, string policy, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TransitionResult> AnnotateRunAsync(TaskId task, TaskState expected, Actor actor, string reason, string policy, decimal costUsd, AgentRunFacts run, CancellationToken cancellationToken) => throw new NotSupportedException();
}
