namespace ClawClip.Cli;

/// <summary>An expected failure of a command, with the exit code it ends with.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    public int ExitCode { get; }
}
