namespace ClawClip.Core.Goals;

/// <summary>
/// The committed ROADMAP.md on the target branch — after fetching it from <c>origin</c> when there is one — never the
/// person's working copy: what the PM plans from is what was pushed.
/// </summary>
public interface IRoadmapSource
{
    /// <summary>The roadmap as the branch has it now; null when the branch has no ROADMAP.md.</summary>
    Task<RoadmapOnMain?> ReadAsync(CancellationToken cancellationToken);
}
