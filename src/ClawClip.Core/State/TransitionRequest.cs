using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.State;

/// <summary>A request to move a task, with everything its history event and lineage commit need.</summary>
/// <param name="Task">Which task.</param>
/// <param name="To">Where to.</param>
/// <param name="Actor">Who decides.</param>
/// <param name="Reason">Why, in a sentence.</param>
/// <param name="Policy">The rule that allows it.</param>
public sealed record TransitionRequest(TaskId Task, TaskState To, Actor Actor, string Reason, string Policy)
{
    /// <summary>When set, the move only happens if the task is in this status now.</summary>
    public TaskState? ExpectedFrom { get; init; }

    /// <summary>What the step cost, when it ran an agent.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Agent turns the step took, when it ran an agent.</summary>
    public int? Turns { get; init; }

    /// <summary>The tokens the step's runs used, when it ran an agent (see <see cref="AgentRunResult.Tokens"/>).</summary>
    public long? Tokens { get; init; }

    /// <summary>The agent CLI's session, when the step ran an agent.</summary>
    public string? Session { get; init; }

    /// <summary>What the actor read to decide, for the <c>Data</c> trailer.</summary>
    public string? Data { get; init; }

    /// <summary>The lease for a move into a held status; defaults to the actor's tier.</summary>
    public TimeSpan? LeaseLength { get; init; }

    /// <summary>Reserves the task for this tier and above from this move on (an escalation); null leaves it as it is.</summary>
    public Tier? MinTier { get; init; }

    /// <summary>The commit the move put on the target branch (a landing), recorded on the event and in the <c>Commit</c> trailer.</summary>
    public string? Commit { get; init; }
}
