using System.Diagnostics;

namespace ClawClip.State;

/// <summary>
/// An exclusive lock on a file that other processes see: a <see cref="FileStream"/> opened with
/// <see cref="FileShare.None"/> takes <c>flock</c> on Linux and macOS. The kernel drops it when the holder
/// dies, even by SIGKILL, so a lock that can be taken proves nobody alive is inside. Lock files are never
/// deleted: deleting one while another process waits on it would let two processes hold "the" lock.
/// </summary>
internal sealed class FileLock : IDisposable
{
    // What .NET puts in HResult when flock finds the lock taken: the raw errno EWOULDBLOCK on Unix
    // (11 on Linux, 35 on macOS), ERROR_SHARING_VIOLATION on Windows.
    private const int LinuxWouldBlock = 11;
    private const int MacOSWouldBlock = 35;
    private const int SharingViolation = unchecked((int)0x80070020);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(20);

    private readonly FileStream stream;

    private FileLock(FileStream stream) => this.stream = stream;

    public static FileLock? TryAcquire(string path)
    {
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return TryAcquire(path);
        }
        catch (IOException e) when (e.HResult is LinuxWouldBlock or MacOSWouldBlock or SharingViolation)
        {
            return null;
        }
    }

    /// <summary>Waits for the lock, polling with backoff, until <paramref name="timeout"/> passes.</summary>
    /// <exception cref="TimeoutException">Someone held it all that time.</exception>
    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var backoff = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            if (TryAcquire(path) is { } acquired)
            {
                return acquired;
            }

            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                throw new TimeoutException($"{path} stayed locked for {timeout.TotalSeconds:0.#} s; another claw.clip process holds it");
            }

            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    public void Dispose() => stream.Dispose();
}
