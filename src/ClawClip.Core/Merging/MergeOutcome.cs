namespace ClawClip.Core.Merging;

/// <summary>What became of one attempt to land a task's branch. Every outcome but Merged leaves the target untouched.</summary>
public abstract record MergeOutcome
{
    private MergeOutcome()
    {
    }

    /// <summary>The target now points at <see cref="Commit"/>: the task's work rebased on it, gate passed.</summary>
    public sealed record Merged(string Commit) : MergeOutcome;

    /// <summary>The rebase stopped on these files: back to the dev with the output.</summary>
    public sealed record Conflict(IReadOnlyList<string> Files, string Output) : MergeOutcome;

    /// <summary>The integration gate failed on the rebased work: back to the dev with the output.</summary>
    public sealed record GateFailed(string Command, int ExitCode, string Output) : MergeOutcome;

    /// <summary>
    /// Rebased on the target, the branch adds nothing to it (its tree is the target's, at <see cref="Target"/>): there
    /// is nothing to land, and the target stays where it is.
    /// </summary>
    public sealed record NothingToLand(string Target) : MergeOutcome;

    /// <summary>
    /// The work touches protected paths (<see cref="Protection.ProtectedPaths"/>) and no person has approved it yet: it
    /// waits for <c>clawclip approve</c>, and the target stays where it is.
    /// </summary>
    public sealed record NeedsApproval(IReadOnlyList<string> Paths) : MergeOutcome;

    /// <summary>
    /// The gate refused the commits themselves (<see cref="Protection.LandingGuard"/>): a symlink out of the tree or into
    /// <c>.git</c>, an executable or a link in a hook folder. Nothing lands, whoever approved it.
    /// </summary>
    public sealed record Refused(Protection.LandingRefusal Refusal) : MergeOutcome;

    /// <summary>The target moved meanwhile, or its checkout has local changes: nothing done, try again.</summary>
    public sealed record TargetBusy(string Reason) : MergeOutcome;
}
