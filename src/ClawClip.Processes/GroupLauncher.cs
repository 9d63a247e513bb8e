namespace ClawClip.Processes;

/// <summary>
/// A program that makes a new session (so a new process group) and then execs the real program in the same pid:
/// util-linux's <c>setsid</c> on Linux; on macOS, which ships none, the system perl calling POSIX::setsid.
/// </summary>
/// <param name="Program">The launcher's absolute path.</param>
/// <param name="Arguments">What goes before the real program and its arguments.</param>
internal sealed record GroupLauncher(string Program, IReadOnlyList<string> Arguments)
{
    // exec with an explicit program ({ $ARGV[0] }) never goes through a shell, whatever the arguments hold.
    private const string PerlScript = "use POSIX (); POSIX::setsid() >= 0 or die \"setsid: $!\\n\"; exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\\n\";";

    public static GroupLauncher Setsid(string path) => new(path, []);

    /// <summary>perl -e SCRIPT -- PROGRAM ARGS: after <c>--</c>, arguments starting with '-' are the program's own.</summary>
    public static GroupLauncher Perl(string path) => new(path, ["-e", PerlScript, "--"]);
}
