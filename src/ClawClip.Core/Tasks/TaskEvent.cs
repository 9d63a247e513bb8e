using ClawClip.Core.Agents;

namespace ClawClip.Core.Tasks;

/// <summary>
/// One step in a task's history. The lineage commit of the transition is made from this event, so the
/// task file alone is enough to write a lost commit again.
/// </summary>
/// <param name="From">The status before; null for the event that created the task.</param>
/// <param name="To">The status after.</param>
/// <param name="Actor">Who acted: an agent's name, <c>human</c>, or <c>clawclip-reaper</c>.</param>
/// <param name="Reason">Why, in a sentence.</param>
/// <param name="Policy">The rule that allowed it (<c>claim.priority-and-skills</c>, <c>reap.lease-expired</c>).</param>
/// <param name="Tier">The actor's tier when it acted, for agents.</param>
/// <param name="Attempt">The attempt this event belongs to (0 before the first claim).</param>
/// <param name="CostUsd">What the step cost, when it ran an agent.</param>
/// <param name="At">When.</param>
/// <param name="Lease">The lease taken by this event, for moves into a held status.</param>
public sealed record TaskEvent(
    TaskState? From,
    TaskState To,
    string Actor,
    string Reason,
    string Policy,
    Tier? Tier,
    int Attempt,
    decimal? CostUsd,
    DateTimeOffset At,
    Lease? Lease)
{
    /// <summary>Agent turns the step's run took, when it ran an agent.</summary>
    public int? Turns { get; init; }

    /// <summary>
    /// The tokens the step's runs used, when it ran an agent: input, output and cache tokens added up (see
    /// <see cref="AgentRunResult.Tokens"/>). Null in task files written before tokens were recorded.
    /// </summary>
    public long? Tokens { get; init; }

    /// <summary>The agent CLI's session the step's run used, when it ran an agent: the one a retry resumes.</summary>
    public string? Session { get; init; }

    /// <summary>A move (the default), or an annotation: a decision recorded on the task without moving it.</summary>
    public TaskEventKind Kind { get; init; } = TaskEventKind.Transition;

    /// <summary>
    /// Set by an escalation: from this event on, only an agent of this tier or above may claim the task
    /// (<see cref="TaskRecord.MinTier"/>).
    /// </summary>
    public Tier? MinTier { get; init; }

    /// <summary>The commit this step put on the target branch (a landing), for the <c>Commit</c> trailer; null for every other step.</summary>
    public string? Commit { get; init; }
}
