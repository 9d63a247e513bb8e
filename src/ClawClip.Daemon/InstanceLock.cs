using System.Globalization;
using ClawClip.State;

namespace ClawClip.Daemon;

/// <summary>
/// One daemon per repository: an OS file lock on <c>state/locks/daemon.lock</c>, released by the kernel when the
/// holder dies, so a crashed daemon never blocks the next. Beside it, <c>daemon.pid</c> says who holds it (the lock
/// file itself cannot be read while it is held).
/// </summary>
public sealed class InstanceLock : IDisposable
{
    private readonly IDisposable held;
    private readonly string pidFile;

    private InstanceLock(IDisposable held, string pidFile)
    {
        this.held = held;
        this.pidFile = pidFile;
    }

    /// <summary>The lock, or null with <paramref name="holder"/> describing the process that has it.</summary>
    public static InstanceLock? TryAcquire(DaemonPaths paths, out string holder)
    {
        var pidFile = paths.PidFile;
        if (FileLocks.TryAcquire(paths.InstanceLock) is not { } held)
        {
            holder = File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : "another process (it left no pid file yet)";
            return null;
        }

        holder = $"pid {Environment.ProcessId}, started {DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture)}";
        File.WriteAllText(pidFile, holder + Environment.NewLine);
        return new InstanceLock(held, pidFile);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(pidFile);
        }
        finally
        {
            held.Dispose();
        }
    }
}
