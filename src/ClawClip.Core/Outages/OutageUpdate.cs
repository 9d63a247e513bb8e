using ClawClip.Core.Tasks;

namespace ClawClip.Core.Outages;

/// <summary>One outage decision: the state after it, and how its lineage commit reads.</summary>
/// <param name="Next">The state to write.</param>
/// <param name="Policy">The rule (<see cref="OutagePolicies"/>).</param>
/// <param name="Subject">The commit's subject: <c>dev-1 paused: model API outage</c>.</param>
/// <param name="Reason">Why, in a sentence or two.</param>
/// <param name="Agent">The agent's entry after it; null when the decision cleared it.</param>
public sealed record OutageUpdate(OutageState Next, string Policy, string Subject, string Reason, AgentOutage? Agent)
{
    /// <summary>The task whose run it was about, for the commit's <c>Task</c> trailer; null for none.</summary>
    public TaskId? Task { get; init; }

    /// <summary>This decision paused the agent.</summary>
    public bool PausedAgent { get; init; }

    /// <summary>This decision paused the whole team.</summary>
    public bool PausedTeam { get; init; }
}
