using ClawClip.Core.Agents;

namespace ClawClip.Core.Pipeline;

/// <summary>What the dev must address on its next run, besides the task itself.</summary>
/// <param name="Comments">The reviewer's inline comments from the last revise round.</param>
/// <param name="ReviewSummary">The reviewer's summary from that round.</param>
/// <param name="FailedCheck">The checks' report when the last result failed them.</param>
/// <param name="MergeProblem">Why the merge queue sent the work back (a conflict, a failing gate), with its output.</param>
/// <param name="ConflictedFiles">Files left with conflict markers after merging the target into the branch.</param>
/// <param name="ReviseRound">The revise round this run answers (1–3), or 0.</param>
public sealed record DevFeedback(
    IReadOnlyList<ReviewComment> Comments,
    string? ReviewSummary,
    CheckReport? FailedCheck,
    string? MergeProblem,
    IReadOnlyList<string> ConflictedFiles,
    int ReviseRound)
{
    public static DevFeedback None { get; } = new([], null, null, null, [], 0);

    /// <summary>The last run left the branch with no change against the target: nothing to check, review or land.</summary>
    public bool NoChange { get; init; }
}
