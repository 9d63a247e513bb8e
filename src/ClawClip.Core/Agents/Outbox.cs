using ClawClip.Core.Tasks;

namespace ClawClip.Core.Agents;

/// <summary>
/// <c>state/agents/&lt;agent&gt;/outbox.json</c>: what the agent hands to whoever comes next — its result,
/// follow-up tasks it proposes, and questions for a person.
/// </summary>
/// <param name="Agent">Whose outbox this is.</param>
/// <param name="Task">The task the hand-off is about.</param>
/// <param name="Result">What it did, in its words; null until it has a result.</param>
/// <param name="FollowUps">Tasks it proposes (title and spec).</param>
/// <param name="Questions">What it needs a person to answer.</param>
/// <param name="UpdatedAt">When it was written.</param>
public sealed record Outbox(
    AgentId Agent,
    TaskId? Task,
    string? Result,
    IReadOnlyList<FollowUp> FollowUps,
    IReadOnlyList<string> Questions,
    DateTimeOffset UpdatedAt)
{
    public static Outbox Empty(AgentId agent, DateTimeOffset at) => new(agent, null, null, [], [], at);
}
