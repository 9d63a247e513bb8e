using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Alerts;

/// <summary>One thing a person should know now.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Title">One line.</param>
/// <param name="Text">The why, in a sentence or two; may be empty.</param>
/// <param name="At">When it was raised.</param>
public sealed record Alert(AlertKind Kind, string Title, string Text, DateTimeOffset At)
{
    /// <summary>The task it concerns, if one.</summary>
    public TaskId? Task { get; init; }

    /// <summary>The agent it concerns, if one.</summary>
    public AgentId? Agent { get; init; }

    /// <summary>Short facts (name, value), in order: spent and limit, tier, threshold.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];
}
