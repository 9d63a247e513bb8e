namespace ClawClip.Processes;

/// <summary>
/// Starting a child as the leader of its own process group (and session), so that SIGKILL to the
/// group reaches every descendant, including those already re-parented to init, which a walk of the
/// process tree cannot find.
/// </summary>
/// <remarks>
/// .NET's <see cref="System.Diagnostics.Process"/> runs no code between fork and exec, so the child
/// cannot call setsid itself; the runner starts it through a <see cref="GroupLauncher"/>: the <c>setsid</c>
/// program (util-linux or busybox), or where there is none (macOS) the system perl, which calls
/// POSIX::setsid and execs. Either makes the new session and execs the real program in the same pid. A
/// child of .NET is never a group leader, so setsid does not fork and the pid, exit code and pipes are
/// the program's own. Where neither exists, children share the parent's group and only the tree walk of
/// <see cref="System.Diagnostics.Process.Kill(bool)"/> applies.
/// </remarks>
internal static class ProcessGroup
{
    private static readonly Lazy<GroupLauncher?> FoundLauncher = new(FindLauncher);

    /// <summary>
    /// How children get a group of their own here, looked for in fixed system places (not PATH); null where
    /// there is no way, or where libc's kill cannot be called (a group nobody can signal is no use).
    /// </summary>
    public static GroupLauncher? Launcher => FoundLauncher.Value;

    /// <summary>The setsid program, where there is one.</summary>
    public static string? Setsid => Launcher is { Arguments.Count: 0 } setsid ? setsid.Program : null;

    /// <summary>The system perl, which can make a session where no setsid program exists.</summary>
    public static string? Perl => File.Exists("/usr/bin/perl") ? "/usr/bin/perl" : null;

    /// <summary>Whether children get their own process group here.</summary>
    public static bool IsSupported => Launcher is not null;

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

    private static GroupLauncher? FindLauncher()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsFreeBSD() && !OperatingSystem.IsMacOS() || !CanSignal())
        {
            return null;
        }

        string[] candidates = ["/usr/bin/setsid", "/bin/setsid", "/usr/local/bin/setsid"];
        return candidates.FirstOrDefault(File.Exists) is { } setsid ? GroupLauncher.Setsid(setsid)
            : Perl is { } perl ? GroupLauncher.Perl(perl)
            : null;
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
