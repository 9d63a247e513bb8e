using ClawClip.Core.Policies;

namespace ClawClip.Core.Planning;

/// <summary>How the PM plans.</summary>
/// <param name="Target">The branch whose ROADMAP.md is read and ticked, usually <c>main</c>.</param>
/// <param name="FailurePolicy">What an unusable plan does (trigger→planner).</param>
public sealed record PlannerSettings(string Target, FailurePolicy FailurePolicy)
{
    /// <summary>Wall time a planner run may take; null: the planner's lease.</summary>
    public TimeSpan? RunTimeout { get; init; }

    /// <summary>How long a goal whose plan was unusable waits before the planner tries it again unedited.</summary>
    public TimeSpan RetryFailedAfter { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a tick waits for the merge queue to let go of the branch.</summary>
    public TimeSpan MergeLockWait { get; init; } = TimeSpan.FromMinutes(10);
}
