using System.Runtime.InteropServices;

namespace ClawClip.Processes;

/// <summary>The few libc calls .NET does not expose: signalling a whole process group.</summary>
internal static partial class NativeMethods
{
    public const int SIGKILL = 9; // The same on Linux and macOS.

    // The runtime maps the name "libc" to the platform's C library (libc.so.6 on glibc, /usr/lib/libc.dylib on macOS).
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    public static partial int GetProcessGroup();

    /// <summary>The process group of <paramref name="pid"/>; -1 when there is no such process.</summary>
    [LibraryImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    public static partial int GetProcessGroupOf(int pid);
}
