namespace ClawClip.Processes;

/// <summary>For callers to whom a failed process is a surprise rather than an outcome.</summary>
public static class ProcessResultExtensions
{
    /// <summary>Returns <paramref name="result"/> when it <see cref="ProcessResult.Succeeded"/>; otherwise throws.</summary>
    /// <exception cref="ProcessFailedException">The process exited non-zero or timed out.</exception>
    public static ProcessResult EnsureSuccess(this ProcessResult result, ProcessSpec spec)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(spec);
        return result.Succeeded ? result : throw new ProcessFailedException(spec, result);
    }
}
