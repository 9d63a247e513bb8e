using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// The pipeline's transitions: by a team member at its current tier, with what its runs cost, and only from the
/// status the pipeline last saw. A task that moved meanwhile stops the pipeline with <see cref="TaskMovedElsewhereException"/>.
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
        return await MoveAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public Task<TaskRecord> MoveAsync(TaskRecord task, TaskState to, Actor actor, string reason, string policy, CancellationToken cancellationToken) =>
        MoveAsync(new TransitionRequest(task.Id, to, actor, reason, policy) { ExpectedFrom = task.Status }, cancellationToken);

    /// <summary>Records a decision by <paramref name="by"/> that leaves the task where it is (a failed check round, a run with no change).</summary>
    public async Task<TaskRecord> AnnotateAsync(TaskRecord task, TeamMember by, string reason, string policy, CancellationToken cancellationToken)
    {
        var tier = (await trust.ReadTrustAsync(by.Name, cancellationToken).ConfigureAwait(false)).Tier;
        var result = await store.AnnotateAsync(task.Id, task.Status, Actor.Agent(by.Name, tier), reason, policy, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            TransitionResult.Moved moved => moved.Task,
            TransitionResult.WrongStatus wrong => throw new TaskMovedElsewhereException(task.Id, wrong.Actual, task.Status),
            _ => throw new TaskMovedElsewhereException(task.Id, null, task.Status),
        };
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
