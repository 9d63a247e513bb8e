using ClawClip.Core.Tasks;

namespace ClawClip.Core.Agents;

/// <summary>
/// <c>state/agents/&lt;agent&gt;/context-snapshot.json</c>: what the agent knows about its task, saved so a
/// crash or a conversation reset resumes instead of starting over.
/// </summary>
/// <param name="Agent">Whose snapshot this is.</param>
/// <param name="Task">The task it is about.</param>
/// <param name="SessionId">The agent CLI's session to resume, if any.</param>
/// <param name="Summary">Progress so far, in the agent's words.</param>
/// <param name="FilesTouched">Paths changed in the worktree.</param>
/// <param name="QaComments">Review comments still to address.</param>
/// <param name="UpdatedAt">When it was saved.</param>
public sealed record ContextSnapshot(
    AgentId Agent,
    TaskId? Task,
    string? SessionId,
    string Summary,
    IReadOnlyList<string> FilesTouched,
    IReadOnlyList<ReviewComment> QaComments,
    DateTimeOffset UpdatedAt)
{
    public static ContextSnapshot Empty(AgentId agent, DateTimeOffset at) => new(agent, null, null, string.Empty, [], [], at);
}
