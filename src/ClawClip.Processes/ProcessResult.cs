namespace ClawClip.Processes;

/// <summary>
/// How a process ended and what it wrote. Output past <see cref="ProcessSpec.MaxOutputBytes"/> keeps
/// its first and last halves with a marker line between them (the byte counts are always the totals).
/// </summary>
/// <param name="ExitCode">
/// The exit code; 128 + N when a signal N ended the process. After a timeout it is whatever the OS
/// reported after the kill: normally 137 (128 + SIGKILL), or the real code if the process had
/// already been exiting.
/// </param>
/// <param name="StandardOutput">Stdout decoded as UTF-8 (invalid bytes become U+FFFD).</param>
/// <param name="StandardError">Stderr decoded as UTF-8.</param>
/// <param name="TimedOut">The timeout expired before the process exited, and the process tree was killed.</param>
/// <param name="StandardOutputTruncated">Stdout was longer than the limit: its middle is missing.</param>
/// <param name="StandardErrorTruncated">Stderr was longer than the limit: its middle is missing.</param>
/// <param name="Duration">From just before the start to the end of the output.</param>
/// <param name="StandardOutputBytes">Every byte the process wrote to stdout, kept or not.</param>
/// <param name="StandardErrorBytes">Every byte the process wrote to stderr, kept or not.</param>
/// <param name="RawStandardOutput">The stdout bytes kept: exact when not truncated, else the head followed directly by the tail.</param>
public sealed record ProcessResult(
    int ExitCode,
    string StandardOutput,
    string StandardError,
    bool TimedOut,
    bool StandardOutputTruncated,
    bool StandardErrorTruncated,
    TimeSpan Duration,
    long StandardOutputBytes,
    long StandardErrorBytes,
    ReadOnlyMemory<byte> RawStandardOutput)
{
    /// <summary>Exited with code 0 before any timeout.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
