using ClawClip.Core.Agents;

namespace ClawClip.Core.Lineage;

/// <summary>
/// One decision, ready to become one commit on <c>clawclip/state</c>: who made it, the message, and the
/// exact paths it changed. The commit's tree is its parent's tree plus <see cref="Changes"/>, nothing else.
/// </summary>
/// <param name="Id">Unique and sortable: its time, then its writer, so records are committed in order.</param>
/// <param name="At">When the decision was made (the author date).</param>
/// <param name="Author">The acting agent's own identity.</param>
/// <param name="Subject">Like <c>T-0007 backlog → claimed</c>.</param>
/// <param name="Body">Why, in a sentence.</param>
/// <param name="Trailers">Machine-readable facts: Task, Goal, Agent, Tier, Policy, Attempt, Cost-USD, Turns, Session, Data.</param>
/// <param name="Changes">The paths the decision wrote or removed under <c>state/</c>.</param>
public sealed record LineageRecord(
    string Id,
    DateTimeOffset At,
    AgentIdentity Author,
    string Subject,
    string Body,
    IReadOnlyList<Trailer> Trailers,
    IReadOnlyList<StateChange> Changes)
{
    /// <summary>The full commit message: subject, blank line, body, blank line, trailers.</summary>
    public string Message()
    {
        var lines = new List<string> { Subject, string.Empty };
        if (!string.IsNullOrWhiteSpace(Body))
        {
            lines.Add(Body.Trim());
            lines.Add(string.Empty);
        }

        lines.AddRange(Trailers.Select(t => $"{t.Key}: {OneLine(t.Value)}"));
        return string.Join('\n', lines) + "\n";
    }

    // A trailer value spanning lines would end the trailer block early; git would then not see the rest.
    private static string OneLine(string value) => value.ReplaceLineEndings(" ").Trim();
}
