namespace ClawClip.Daemon.Doctor;

/// <summary>Everything one run of the checks found, and which process ran them.</summary>
/// <param name="Schema">The format's version: 1.</param>
/// <param name="CheckedBy">The daemon or the command.</param>
/// <param name="Pid">The process that ran the checks.</param>
/// <param name="CheckedAt">When they ran.</param>
/// <param name="Results">One per check, in the order they ran.</param>
public sealed record DoctorReport(int Schema, CheckedBy CheckedBy, int Pid, DateTimeOffset CheckedAt, IReadOnlyList<CheckResult> Results)
{
    public const int CurrentSchema = 1;

    /// <summary>Whether any check failed: <c>clawclip doctor</c> then exits non-zero.</summary>
    public bool HasFailures => Results.Any(r => r.Status == CheckStatus.Fail);

    public int Count(CheckStatus status) => Results.Count(r => r.Status == status);
}
