using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClawClip.Processes;

/// <summary>
/// Starts processes from one thread that lives as long as the process. A child that asks the kernel to be killed
/// when its parent dies (<c>PR_SET_PDEATHSIG</c>, as bubblewrap's <c>--die-with-parent</c> does) is killed when the
/// <em>thread</em> that forked it ends, and thread-pool threads end when idle: started from one, a long agent run would
/// die at a random moment. Started from here, it dies only with the daemon.
/// </summary>
internal static class ProcessStarter
{
    private static readonly BlockingCollection<Action> Work = [];

    static ProcessStarter()
    {
        var thread = new Thread(() =>
        {
            foreach (var start in Work.GetConsumingEnumerable())
            {
                start();
            }
        })
        {
            IsBackground = true,
            Name = "clawclip process starter",
        };
        thread.Start();
    }

    /// <summary>Runs <paramref name="start"/> on the starter thread and returns the process it started.</summary>
    public static Task<Process> StartAsync(Func<Process> start, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(
            () =>
            {
                try
                {
                    started.SetResult(start());
                }
                catch (Exception e)
                {
                    started.SetException(e);
                }
            },
            cancellationToken);
        return started.Task;
    }
}
