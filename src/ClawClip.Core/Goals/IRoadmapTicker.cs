namespace ClawClip.Core.Goals;

/// <summary>Ticks a goal's box in ROADMAP.md on the target branch, as a commit of its own.</summary>
public interface IRoadmapTicker
{
    /// <summary>
    /// Commits ROADMAP.md with <paramref name="goal"/>'s box checked on top of <paramref name="onMain"/>'s commit and
    /// moves the branch to it, only if the branch is still there. Returns the new commit, or null when the branch
    /// moved meanwhile or the box is no longer where it was (the next run reads the roadmap again).
    /// </summary>
    Task<string?> TickAsync(RoadmapOnMain onMain, RoadmapGoal goal, string message, CancellationToken cancellationToken);
}
