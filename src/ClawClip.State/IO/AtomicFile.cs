using System.Security.Cryptography;

namespace ClawClip.State;

/// <summary>
/// Writes a file so that a reader, or a process started after a crash, sees either the old content or
/// the new, never a part: write a temporary file beside it, fsync it, rename it over, fsync the folder.
/// </summary>
internal static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = WriteTemporary(path, content);
        File.Move(temporary, path, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(path)!);
    }

    /// <summary>
    /// The first half of a write: the content, durable, in a temporary file beside <paramref name="path"/>.
    /// The caller renames it into place.
    /// </summary>
    public static string WriteTemporary(string path, ReadOnlySpan<byte> content) => WriteTemporary(path, content, flush: true);

    /// <summary>
    /// Writes the temporary file, fsynced only when <paramref name="flush"/>; a caller that writes several
    /// flushes them with <see cref="FlushAll"/> before renaming any into place.
    /// </summary>
    public static string WriteTemporary(string path, ReadOnlySpan<byte> content, bool flush)
    {
        var directory = Path.GetDirectoryName(path)!;
        EnsureDirectory(directory);
        var temporary = Path.Combine(directory, TemporaryPrefix(Path.GetFileName(path)) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + TemporarySuffix);
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: flush);
        }

        return temporary;
    }

    /// <summary>fsyncs each file, then each folder (once each).</summary>
    public static void FlushAll(IReadOnlyList<string> files, IReadOnlyList<string> folders)
    {
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 1);
            stream.Flush(flushToDisk: true);
        }

        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            DirectorySync.Flush(folder);
        }
    }

    /// <summary>Removes a file and makes the removal durable; no error if it is already gone.</summary>
    public static void Delete(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        File.Delete(path);
        DirectorySync.Flush(Path.GetDirectoryName(path)!);
    }

    /// <summary>Temporary files of <paramref name="fileName"/> start with this, so recovery can find a dead writer's.</summary>
    public static string TemporaryPrefix(string fileName) => "." + fileName + ".";

    public static bool IsTemporary(string fileName) =>
        fileName.StartsWith('.') && fileName.EndsWith(TemporarySuffix, StringComparison.Ordinal);

    /// <summary>Deletes the temporary files a dead writer left for <paramref name="path"/>.</summary>
    public static int DeleteTemporaries(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var count = 0;
        foreach (var temporary in Directory.EnumerateFiles(directory, TemporaryPrefix(Path.GetFileName(path)) + "*" + TemporarySuffix))
        {
            File.Delete(temporary);
            count++;
        }

        return count;
    }

    /// <summary>Creates a folder and makes its entry in the parent durable.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var parent = Path.GetDirectoryName(directory);
        if (parent is not null)
        {
            EnsureDirectory(parent);
        }

        Directory.CreateDirectory(directory);
        if (parent is not null)
        {
            DirectorySync.Flush(parent);
        }
    }
}
