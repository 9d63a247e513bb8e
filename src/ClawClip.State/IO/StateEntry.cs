using System.Runtime.InteropServices;

namespace ClawClip.State;

/// <summary>
/// Questions about an entry under <c>state/</c> asked without following a symbolic link: a link planted there is
/// an entry to take away, never a way to read (or commit) a file elsewhere.
/// </summary>
internal static partial class StateEntry
{
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>Whether anything is at <paramref name="path"/>: a file, a folder, or a link (even one that points nowhere).</summary>
    public static bool Exists(string path) => IsLink(path) || File.Exists(path) || Directory.Exists(path);

    /// <summary>
    /// Renames the entry itself: a link as a link (rename(2) never follows one), whatever it points to. .NET's own
    /// moves look at the target first and refuse a link to a folder, or to nothing.
    /// </summary>
    public static void Move(string from, string to)
    {
        if (OperatingSystem.IsWindows())
        {
            if (Directory.Exists(from) && !IsLink(from))
            {
                Directory.Move(from, to);
            }
            else
            {
                File.Move(from, to);
            }

            return;
        }

        if (Rename(from, to) != 0)
        {
            throw new IOException($"cannot move {from} to {to} (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    public static string Kind(string path) => IsLink(path) ? "symlink" : Directory.Exists(path) ? "directory" : "file";

    /// <summary>
    /// The bytes of a regular file, or null if nothing is there. A link is refused before it is opened (the check and
    /// the open are two steps; what plants links in <c>state/</c> is a person or a tool at rest, not a racing writer).
    /// </summary>
    /// <exception cref="InvalidStateFileException">It is a link, or a folder.</exception>
    public static byte[]? ReadFile(string path, string displayPath)
    {
        if (IsLink(path))
        {
            throw new InvalidStateFileException(displayPath, "a symbolic link, not a state file (its target is not read)");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            throw new InvalidStateFileException(displayPath, "a folder, not a state file");
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string from, string to);
}
