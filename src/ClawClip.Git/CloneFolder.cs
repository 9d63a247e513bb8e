namespace ClawClip.Git;

/// <summary>
/// Deleting a task's clone whatever its agent left in it: git's read-only object files, and folders the agent made
/// unwritable (which would stop a plain recursive delete for a daemon that is not root). Links are removed, never
/// followed: a link to the person's home inside a clone deletes the link.
/// </summary>
internal static class CloneFolder
{
    public static void Delete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            MakeWritable(folder);
            folder.Delete(recursive: true);
        }
        catch (IOException) when (folder.Exists)
        {
            MakeWritable(folder);
            folder.Delete(recursive: true);
        }
    }

    private static void MakeWritable(DirectoryInfo folder)
    {
        if (folder.LinkTarget is not null)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        foreach (var child in folder.EnumerateDirectories())
        {
            MakeWritable(child);
        }
    }
}
