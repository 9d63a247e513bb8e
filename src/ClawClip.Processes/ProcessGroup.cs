namespace ClawClip.Processes;

/// <summary>
/// Starting a child as the leader of its own process group (and session), so that SIGKILL to the
/// group reaches every descendant, including those already re-parented to init, which a walk of the
/// process tree cannot find.
/// </summary>
/// <remarks>
/// .NET's <see cref="System.Diagnostics.Process"/> runs no code between fork and exec, so the child
/// cannot call setsid itself; the runner starts it through the <c>setsid</c> program (util-linux or
/// busybox), which makes the new session and execs the real program in the same pid. A child of
/// .NET is never a group leader, so setsid does not fork and the pid, exit code and pipes are the
/// program's own. macOS ships no setsid: there, and wherever it is missing, children share the
/// parent's group and only the tree walk of <see cref="System.Diagnostics.Process.Kill(bool)"/> applies.
/// </remarks>
internal static class ProcessGroup
{
    private static readonly Lazy<string?> SetsidPath = new(FindSetsid);

    /// <summary>
    /// The setsid program, looked for in fixed system places (not PATH); null where there is none, or
    /// where libc's kill cannot be called (a group nobody can signal is no use).
    /// </summary>
    public static string? Setsid => SetsidPath.Value;

    /// <summary>Whether children get their own process group here.</summary>
    public static bool IsSupported => Setsid is not null;

    /// <summary>
    /// Sends SIGKILL to every process in the group led by <paramref name="leaderPid"/>. Safe to call when
    /// the group is already gone. Never signals the runner's own group.
    /// </summary>
    public static void Kill(int leaderPid)
    {
        if (leaderPid <= 1 || OperatingSystem.IsWindows())
        {
            return;
        }

        // If the child had not yet reached setsid, its pid names no group (ESRCH); the tree kill covers it.
        if (leaderPid == NativeMethods.GetProcessGroup())
        {
            return;
        }

        _ = NativeMethods.Kill(-leaderPid, NativeMethods.SIGKILL);
    }

    private static string? FindSetsid()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsFreeBSD() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        string[] candidates = ["/usr/bin/setsid", "/bin/setsid", "/usr/local/bin/setsid"];
        return candidates.FirstOrDefault(File.Exists) is { } setsid && CanSignal() ? setsid : null;
    }

    private static bool CanSignal()
    {
        try
        {
            return NativeMethods.GetProcessGroup() > 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
