namespace ClawClip.Cli;

/// <summary>The exit codes of <c>clawclip</c>, as README.md documents them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something unexpected failed (I/O, git); the message says what.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown option, missing argument, bad value.</summary>
    public const int Usage = 2;

    /// <summary><c>claim</c>: no backlog task this agent can take.</summary>
    public const int NothingToClaim = 3;

    /// <summary><c>claim</c>: an emergency stop is in force.</summary>
    public const int Stopped = 4;

    /// <summary>No such task (or agent, or file).</summary>
    public const int NotFound = 5;

    /// <summary>The move is not allowed, or the task is no longer where the command expected.</summary>
    public const int Conflict = 6;

    /// <summary>A state file, ROADMAP.md or another input is malformed; the message names it.</summary>
    public const int InvalidData = 7;

    /// <summary>Not inside a git repository, or <c>clawclip init</c> has not been run there.</summary>
    public const int NotInitialized = 8;

    /// <summary><c>doctor</c>: at least one check failed; each failure says how to fix it.</summary>
    public const int ChecksFailed = 9;

    /// <summary>
    /// <c>run</c>, <c>daemon</c>, <c>merge</c>: <c>clawclip.yaml</c> keeps the sandbox on and this machine's does not work,
    /// so no agent, check or gate starts; the message gives the fix (install bubblewrap, allow user namespaces) or
    /// <c>sandbox: off</c>.
    /// </summary>
    public const int NoSandbox = 10;
}
