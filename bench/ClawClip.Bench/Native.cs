using System.Runtime.InteropServices;

namespace ClawClip.Bench;

/// <summary>Folder fsync for the bare-rename baseline, as the store does it.</summary>
internal static partial class Native
{
    public static void FlushFolder(string folder)
    {
        var fd = Open(folder, 0);
        _ = Fsync(fd);
        _ = Close(fd);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
