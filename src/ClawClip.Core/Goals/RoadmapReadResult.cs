namespace ClawClip.Core.Goals;

/// <summary>
/// What reading ROADMAP.md gave: either <see cref="RoadmapGoalsRead"/> (the goals, possibly none) or a
/// <see cref="RoadmapProblem"/> saying why the file could not be read. Match on the two.
/// </summary>
public abstract record RoadmapReadResult
{
    // Only the two outcomes below: a switch over them is complete.
    private protected RoadmapReadResult(string sourceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        SourceName = sourceName;
    }

    /// <summary>The file the result is about, as the caller named it (a path, or <c>ROADMAP.md</c>).</summary>
    public string SourceName { get; }
}
