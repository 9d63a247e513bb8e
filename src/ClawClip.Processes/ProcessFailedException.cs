using System.Globalization;

namespace ClawClip.Processes;

/// <summary>
/// A process that had to succeed did not: it exited non-zero or timed out. The message shows the
/// program, its arguments (each quoted), the exit code and the tail of stderr (of stdout when stderr is
/// empty); the environment and standard input are never shown.
/// </summary>
public sealed class ProcessFailedException : Exception
{
    private const int TailLines = 20;
    private const int TailChars = 4000;

    public ProcessFailedException(ProcessSpec spec, ProcessResult result)
        : base(Describe(spec, result))
    {
        Spec = spec;
        Result = result;
    }

    public ProcessSpec Spec { get; }

    public ProcessResult Result { get; }

    private static string Describe(ProcessSpec spec, ProcessResult result)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(result);
        var where = spec.WorkingDirectory is null ? "" : $" (in {CommandLineDisplay.Quote(spec.WorkingDirectory)})";
        var how = result.TimedOut
            ? $"timed out after {spec.Timeout?.ToString("c", CultureInfo.InvariantCulture) ?? "its timeout"} and was killed (exit code {result.ExitCode})"
            : $"exited with code {result.ExitCode}";
        var (name, text) = string.IsNullOrWhiteSpace(result.StandardError)
            ? ("stdout", result.StandardOutput)
            : ("stderr", result.StandardError);
        var tail = Tail(text);
        var shown = string.IsNullOrWhiteSpace(tail) ? "stdout and stderr were empty." : $"{name} (tail):\n{tail}";
        return $"{spec}{where} {how}.\n{shown}";
    }

    private static string Tail(string text)
    {
        var span = text.AsSpan().TrimEnd();
        if (span.Length > TailChars)
        {
            span = span[^TailChars..];
        }

        var start = span.Length;
        for (var lines = 0; lines < TailLines && start > 0; lines++)
        {
            start = span[..(start - 1)].LastIndexOf('\n') + 1;
        }

        return span[start..].ToString();
    }
}
