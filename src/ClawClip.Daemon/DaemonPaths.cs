namespace ClawClip.Daemon;

/// <summary>Where the daemon of one repository keeps its lock, its logs and its kick file.</summary>
public sealed class DaemonPaths
{
    public DaemonPaths(string repositoryRoot)
    {
        RepositoryRoot = repositoryRoot;
        StateRoot = Path.Combine(repositoryRoot, "state");
    }

    public string RepositoryRoot { get; }

    public string StateRoot { get; }

    /// <summary>Held by the one daemon running on this repository; its content names that process.</summary>
    public string InstanceLock => Path.Combine(StateRoot, "locks", "daemon.lock");

    /// <summary>Touched by <c>clawclip kick</c>: the daemon runs its loops now.</summary>
    public string KickFile => Path.Combine(RepositoryRoot, ".clawclip", "kick");

    /// <summary>The local day the daily summary was last sent, so that a restart does not send it again.</summary>
    public string DailySummaryFile => Path.Combine(RepositoryRoot, ".clawclip", "daily-summary-sent");

    /// <summary>Rolling JSON log files (one per day): beside the task worktrees in <c>.clawclip/</c>, out of state and lineage.</summary>
    public string LogFolder => Path.Combine(RepositoryRoot, ".clawclip", "logs");
}
