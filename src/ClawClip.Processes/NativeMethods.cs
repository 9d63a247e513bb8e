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
}
