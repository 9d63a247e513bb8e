namespace ClawClip.State;

/// <summary>The OS file lock the store uses, for hosts that need one of their own (one daemon per repository).</summary>
public static class FileLocks
{
    /// <summary>
    /// Takes an exclusive lock on <paramref name="path"/> (creating the file and its folder), or returns null when
    /// another process holds it. The kernel releases it when the holder dies; release it by disposing.
    /// </summary>
    public static IDisposable? TryAcquire(string path) => FileLock.TryAcquire(path);
}
