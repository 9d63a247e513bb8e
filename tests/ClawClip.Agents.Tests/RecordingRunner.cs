using System.Collections.Concurrent;
using ClawClip.Processes;

namespace ClawClip.Agents.Tests;

/// <summary>A process runner that keeps everything the processes it runs print, so that a test can search it for leaks.</summary>
internal sealed class RecordingRunner(IProcessRunner inner) : IProcessRunner
{
    private readonly ConcurrentQueue<ProcessResult> results = new();

    /// <summary>Standard output and error of every process run so far.</summary>
    public string Output => string.Join('\n', results.Select(r => r.StandardOutput + "\n" + r.StandardError));

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var result = await inner.RunAsync(spec, cancellationToken);
        results.Enqueue(result);
        return result;
    }
}
