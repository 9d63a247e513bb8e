namespace ClawClip.Daemon.Doctor;

/// <summary>Which process ran the checks: it decides the environment they saw, which is what the agents get.</summary>
public enum CheckedBy
{
    /// <summary>The running daemon, in its own process: exactly the context its agents get.</summary>
    Daemon,

    /// <summary>The <c>clawclip doctor</c> command itself, with the environment of the shell that ran it.</summary>
    Command,
}
