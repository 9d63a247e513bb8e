using ClawClip.Core.Agents;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Escalation.Support;

/// <summary>Tasks in memory, moved by the same <see cref="TaskRecord"/> rules the file store applies.</summary>
internal sealed class MemoryTaskStore(TimeProvider time) : ITaskStore, ILineageWriter
{
    private readonly SortedDictionary<long, TaskRecord> tasks = [];

    public int Flushes { get; private set; }

    /// <summary>Changes since the last flush: what the lineage would not hold yet.</summary>
    public int Uncommitted { get; private set; }

    public TaskRecord Get(TaskId id) => tasks[id.Number];

    public void Put(TaskRecord task)
    {
        tasks[task.Id.Number] = task;
        Uncommitted++;
    }

    public Task<TaskRecord> SubmitAsync(TaskDefinition definition, Actor actor, string reason, CancellationToken cancellationToken)
    {
        var task = TaskRecord.Submit(TaskId.Parse($"T-{tasks.Count + 1:0000}"), definition, actor.Name, reason, "intake.submit", time.GetUtcNow());
        Put(task);
        return Task.FromResult(task);
    }

    public Task<TaskRecord?> FindAsync(TaskId id, CancellationToken cancellationToken) =>
        Task.FromResult(tasks.GetValueOrDefault(id.Number));

    public Task<IReadOnlyList<TaskRecord>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TaskRecord>>([.. tasks.Values]);

    public Task<TransitionResult> TransitionAsync(TransitionRequest request, CancellationToken cancellationToken)
    {
        var current = Get(request.Task);
        if (request.ExpectedFrom is { } expected && current.Status != expected)
        {
            return Task.FromResult<TransitionResult>(new TransitionResult.WrongStatus(request.Task, current.Status, expected));
        }

        var next = current.MoveTo(request.To, request.Actor.Name, request.Actor.Tier, request.Reason, request.Policy, time.GetUtcNow(), leaseLength: request.To.IsHeld() ? TimeSpan.FromMinutes(30) : null, minTier: request.MinTier);
        Put(next);
        return Task.FromResult<TransitionResult>(new TransitionResult.Moved(next));
    }

    public Task<TransitionResult> AnnotateAsync(TaskId task, TaskState expected, Actor actor, string reason, string policy, CancellationToken cancellationToken)
    {
        var current = Get(task);
        if (current.Status != expected)
        {
            return Task.FromResult<TransitionResult>(new TransitionResult.WrongStatus(task, current.Status, expected));
        }

        var next = current.Annotate(actor.Name, reason, policy, time.GetUtcNow());
        Put(next);
        return Task.FromResult<TransitionResult>(new TransitionResult.Moved(next));
    }

    public Task<TransitionResult> AnnotateRunAsync(TaskId task, TaskState expected, Actor actor, string reason, string policy, decimal costUsd, AgentRunFacts run, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the escalator runs no agent");

    public Task<FlushResult> FlushLineageAsync(CancellationToken cancellationToken)
    {
        Flushes++;
        var written = Uncommitted;
        Uncommitted = 0;
        return Task.FromResult(new FlushResult(written, LeftToHolder: false));
    }

    public Task FlushAndWaitAsync(CancellationToken cancellationToken) => FlushLineageAsync(cancellationToken);
}
