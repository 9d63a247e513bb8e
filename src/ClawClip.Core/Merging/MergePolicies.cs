namespace ClawClip.Core.Merging;

/// <summary>The rules the merge queue's transitions cite in their <c>Policy</c> trailer.</summary>
public static class MergePolicies
{
    public const string GatePassed = "merge.gate-passed";
    public const string Conflict = "merge.conflict";
    public const string GateFailed = "merge.gate-failed";
    public const string NothingToLand = "merge.nothing-to-land";
}
