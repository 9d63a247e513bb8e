namespace ClawClip.State;

/// <summary>The store's atomic write, for hosts that keep files of their own (the doctor's requests, the daily summary's mark).</summary>
public static class AtomicFiles
{
    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> so that a reader sees the old content or the new,
    /// never a part: a temporary file beside it (<c>.NAME.RANDOM.tmp</c>), fsynced, renamed over, the folder fsynced.
    /// Creates the folder.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> content) => AtomicFile.Write(path, content);
}
