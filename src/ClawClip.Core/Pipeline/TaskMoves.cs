using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// The pipeline's transitions and annotations: by a team member at its current tier, with what its runs cost, and
/// only from the status the pipeline last saw. A task that moved meanwhile stops the pipeline with
/// <see cref="TaskMovedElsewhereException"/>. An event that carries a cost credits it to its actor's trust.json here,
/// once, right after it is written: the one place where a run's cost reaches an agent's spend, so that spend is the sum
/// of the costs on the agent's events (a crash in between leaves the spend short of that run, never counted twice).
/// </summary>
internal sealed class TaskMoves
{
    private readonly ITaskStore store;
    private readonly IAgentTrust trust;

    public TaskMoves(ITaskStore store, IAgentTrust trust)
    {
        this.store = store;
        this.trust = trust;
    }

    public async Task<TaskRecord> MoveAsync(
        TaskRecord task,
        TaskState to,
        TeamMember by,
        string reason,
        string policy,
        CancellationToken cancellationToken,
        RunSpend? spent = null,
        string? session = null,
        string? data = null,
        TimeSpan? lease = null)
    {
        var tier = (await trust.ReadTrustAsync(by.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var request = new TransitionRequest(task.Id, to, Actor.Agent(by.Name, tier), reason, policy)
        {
            ExpectedFrom = task.Status,
            CostUsd = spent?.CostUsd,
            Turns = spent?.Turns,
            Tokens = spent?.Tokens,
            Session = session,
            Data = data,
            LeaseLength = lease,
        };
        var moved = await MoveAsync(request, cancellationToken).ConfigureAwait(false);
        await CreditAsync(by, spent, $"{task.Id} {task.Status.Name()} → {to.Name()} ({policy}).", cancellationToken).ConfigureAwait(false);
        return moved;
    }

    /// <summary>
    /// Records on <paramref name="task"/>, without moving it, a decision that followed <paramref name="by"/>'s run (a
    /// reviewer's try without a verdict), with what the run cost; returns the task with the annotation.
    /// </summary>
    public async Task<TaskRecord> AnnotateRunAsync(TaskRecord task, TeamMember by, string reason, string policy, RunSpend spent, string? session, CancellationToken cancellationToken)
    {
        var tier = (await trust.ReadTrustAsync(by.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var result = await store.AnnotateRunAsync(task.Id, task.Status, Actor.Agent(by.Name, tier), reason, policy, spent.CostUsd, new AgentRunFacts(spent.Turns, session) { Tokens = spent.Tokens }, cancellationToken).ConfigureAwait(false);
        var annotated = Annotated(task, result);
        await CreditAsync(by, spent, $"{task.Id} {task.Status.Name()}: {policy}.", cancellationToken).ConfigureAwait(false);
        return annotated;
    }

    public Task<TaskRecord> MoveAsync(TaskRecord task, TaskState to, Actor actor, string reason, string policy, CancellationToken cancellationToken) =>
        MoveAsync(new TransitionRequest(task.Id, to, actor, reason, policy) { ExpectedFrom = task.Status }, cancellationToken);

    /// <summary>Records a decision by <paramref name="by"/> that leaves the task where it is (a failed check round, a run with no change).</summary>
    public async Task<TaskRecord> AnnotateAsync(TaskRecord task, TeamMember by, string reason, string policy, CancellationToken cancellationToken)
    {
        var tier = (await trust.ReadTrustAsync(by.Name, cancellationToken).ConfigureAwait(false)).Tier;
        return Annotated(task, await store.AnnotateAsync(task.Id, task.Status, Actor.Agent(by.Name, tier), reason, policy, cancellationToken).ConfigureAwait(false));
    }

    private static TaskRecord Annotated(TaskRecord task, TransitionResult result) => result switch
    {
        TransitionResult.Moved moved => moved.Task,
        TransitionResult.WrongStatus wrong => throw new TaskMovedElsewhereException(task.Id, wrong.Actual, task.Status),
        _ => throw new TaskMovedElsewhereException(task.Id, null, task.Status),
    };

    private async Task CreditAsync(TeamMember by, RunSpend? spent, string why, CancellationToken cancellationToken)
    {
        if (spent is { CostUsd: > 0m })
        {
            await trust.RecordSpendAsync(by.Name, spent.CostUsd, $"{by.Name}'s run(s) on {why}", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TaskRecord> MoveAsync(TransitionRequest request, CancellationToken cancellationToken)
    {
        var result = await store.TransitionAsync(request, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            TransitionResult.Moved moved => moved.Task,
            TransitionResult.WrongStatus wrong => throw new TaskMovedElsewhereException(request.Task, wrong.Actual, request.To),
            _ => throw new TaskMovedElsewhereException(request.Task, null, request.To),
        };
    }
}
