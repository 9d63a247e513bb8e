using System.Diagnostics;

namespace ClawClip.Daemon.Tests.Doctor;

/// <summary>
/// Makes a folder refuse new files until disposed: mode 0555, and for root (whom modes do not stop) the immutable
/// attribute too. Asserts that it worked, so a test never passes on a folder that was writable after all.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFolder : IDisposable
{
    private readonly string folder;
    private readonly UnixFileMode mode;
    private bool immutable;

    private ReadOnlyFolder(string folder)
    {
        this.folder = folder;
        mode = File.GetUnixFileMode(folder);
    }

    public static ReadOnlyFolder Make(string folder)
    {
        var made = new ReadOnlyFolder(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (Environment.UserName == "root")
        {
            made.immutable = Chattr("+i", folder);
        }

        try
        {
            File.WriteAllText(Path.Combine(folder, ".probe"), "x");
            File.Delete(Path.Combine(folder, ".probe"));
            made.Dispose();
            Assert.Fail($"could not make {folder} read-only here (as root, `chattr +i` is needed and failed)");
        }
        catch (UnauthorizedAccessException)
        {
            // read-only, as wanted
        }
        catch (IOException)
        {
            // read-only, as wanted
        }

        return made;
    }

    public void Dispose()
    {
        if (immutable)
        {
            Chattr("-i", folder);
            immutable = false;
        }

        File.SetUnixFileMode(folder, mode);
    }

    private static bool Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
