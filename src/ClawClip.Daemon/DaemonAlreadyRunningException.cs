namespace ClawClip.Daemon;

/// <summary>A second daemon was started on a repository that has one running.</summary>
public sealed class DaemonAlreadyRunningException : InvalidOperationException
{
    public DaemonAlreadyRunningException(string repository, string holder)
        : base($"a claw.clip daemon already runs on {repository} ({holder}); stop it first, or use `clawclip kick` to make it run now")
    {
        Holder = holder;
    }

    /// <summary>The process holding the lock, as its pid file says.</summary>
    public string Holder { get; }
}
