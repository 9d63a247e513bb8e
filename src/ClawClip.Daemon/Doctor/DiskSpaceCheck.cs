namespace ClawClip.Daemon.Doctor;

/// <summary>
/// Free space on the repository's volume. Each task gets a worktree and its build output, and the lineage adds loose
/// objects until <c>git gc</c>: below 1 GiB a few builds can fill the disk (warn); below 200 MiB a git write or a
/// state file can fail half-way through a task (fail).
/// </summary>
internal static class DiskSpaceCheck
{
    public const string Name = "disk";

    public const long WarnBelowBytes = 1024L * 1024 * 1024;

    public const long FailBelowBytes = 200L * 1024 * 1024;

    public static CheckResult Run(DoctorContext context)
    {
        long free;
        try
        {
            free = new DriveInfo(context.RepositoryRoot).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return CheckResult.Warn(Name, $"cannot read the free space of {context.RepositoryRoot}'s volume: {e.Message}", $"check it with `df -h {context.RepositoryRoot}`");
        }

        return Judge(free, context.RepositoryRoot);
    }

    /// <summary>Judges <paramref name="freeBytes"/> free on the volume holding <paramref name="folder"/>.</summary>
    public static CheckResult Judge(long freeBytes, string folder)
    {
        var finding = $"{Size(freeBytes)} free on the volume of {folder}";
        var fix = $"free some space (`git worktree prune`, `git gc` in {folder}, old build output) or move the repository to a larger disk";
        return freeBytes < FailBelowBytes ? CheckResult.Fail(Name, $"{finding}: below {Size(FailBelowBytes)}, writes can fail mid-task", fix)
            : freeBytes < WarnBelowBytes ? CheckResult.Warn(Name, $"{finding}: below {Size(WarnBelowBytes)}, a few builds can fill it", fix)
            : CheckResult.Ok(Name, finding);
    }

    private static string Size(long bytes) => bytes >= 1024L * 1024 * 1024
        ? $"{bytes / (1024.0 * 1024 * 1024):0.0} GiB".Replace(',', '.')
        : $"{bytes / (1024 * 1024)} MiB";
}
