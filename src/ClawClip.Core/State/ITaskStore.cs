using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.State;

/// <summary>Tasks as the source of truth holds them: submit, read, and move them.</summary>
public interface ITaskStore
{
    /// <summary>Adds a task to the backlog under a new id and returns it.</summary>
    Task<TaskRecord> SubmitAsync(TaskDefinition definition, Actor actor, string reason, CancellationToken cancellationToken);

    /// <summary>The task with this id, wherever it is, or null.</summary>
    Task<TaskRecord?> FindAsync(TaskId id, CancellationToken cancellationToken);

    /// <summary>Every task, in id order.</summary>
    Task<IReadOnlyList<TaskRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Moves a task; illegal moves throw <see cref="IllegalTransitionException"/>.</summary>
    Task<TransitionResult> TransitionAsync(TransitionRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Records a decision about a task that leaves it where it is (an annotation in its history, with a lineage
    /// commit), only if it is still in <paramref name="expected"/>. <see cref="TransitionResult.Moved"/> carries the
    /// task with the annotation.
    /// </summary>
    Task<TransitionResult> AnnotateAsync(TaskId task, TaskState expected, Actor actor, string reason, string policy, CancellationToken cancellationToken);

    /// <summary>
    /// The same, for a decision that followed an agent's run (a reviewer's try without a verdict): the annotation
    /// carries the run's cost, turns, tokens and session (<paramref name="run"/>), like a move's event, so the
    /// budgets and the lineage count it.
    /// </summary>
    Task<TransitionResult> AnnotateRunAsync(TaskId task, TaskState expected, Actor actor, string reason, string policy, decimal costUsd, AgentRunFacts run, CancellationToken cancellationToken);
}
