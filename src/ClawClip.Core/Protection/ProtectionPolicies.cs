namespace ClawClip.Core.Protection;

/// <summary>The rules protection's transitions cite in their <c>Policy</c> trailer.</summary>
public static class ProtectionPolicies
{
    /// <summary>The work touches protected paths: it waits in needs-input for <c>clawclip approve</c>, at every tier.</summary>
    public const string ProtectedPath = "protected-path";

    /// <summary>The merge gate refused the commits (a symlink out of the tree, an executable in a hook folder): the task fails.</summary>
    public const string Refused = "merge.refused";
}
