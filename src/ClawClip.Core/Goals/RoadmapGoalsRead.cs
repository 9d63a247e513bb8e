namespace ClawClip.Core.Goals;

/// <summary>ROADMAP.md was read: its goals in document order, possibly none.</summary>
public sealed record RoadmapGoalsRead : RoadmapReadResult
{
    public RoadmapGoalsRead(string sourceName, IReadOnlyList<RoadmapGoal> goals)
        : base(sourceName)
    {
        ArgumentNullException.ThrowIfNull(goals);
        Goals = goals;
        Message = goals.Count == 0 ? $"{sourceName} has no task-list items (- [ ] …)" : null;
    }

    public IReadOnlyList<RoadmapGoal> Goals { get; }

    /// <summary>Why there are no goals, for a person to read; null when there are some.</summary>
    public string? Message { get; }
}
