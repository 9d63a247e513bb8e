namespace ClawClip.Processes.Sandboxing;

/// <summary>The sandbox this machine offers: bubblewrap on Linux, Seatbelt on macOS, or a refusal that says what to install.</summary>
public static class Sandboxes
{
    private static readonly Lazy<ISandbox> Found = new(Find);

    /// <summary>Found once per process.</summary>
    public static ISandbox ForThisMachine() => Found.Value;

    private static ISandbox Find()
    {
        if (OperatingSystem.IsMacOS())
        {
            return File.Exists(Seatbelt.DefaultProgram)
                ? new Seatbelt()
                : new MissingSandbox("/usr/bin/sandbox-exec is missing", "sandbox-exec is part of macOS; restore it");
        }

        if (OperatingSystem.IsLinux())
        {
            return Bubblewrap.Find() is { } bwrap
                ? bwrap
                : new MissingSandbox("bubblewrap (bwrap) is not installed", "install it: `apt-get install bubblewrap` (Debian, Ubuntu) or `dnf install bubblewrap` (Fedora)");
        }

        return new MissingSandbox("there is no sandbox for this operating system", "run claw.clip on Linux or macOS");
    }
}
