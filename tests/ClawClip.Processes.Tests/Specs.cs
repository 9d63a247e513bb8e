namespace ClawClip.Processes.Tests;

/// <summary>Specs for the small POSIX programs the tests run (present on Linux and macOS).</summary>
internal static class Specs
{
    /// <summary><c>/bin/sh -c script sh args…</c> with the parent's PATH, so the script finds head, sleep and cat.</summary>
    public static ProcessSpec Sh(string script, params string[] arguments) =>
        ProcessSpec.Create("/bin/sh", ["-c", script, "sh", .. arguments]).WithEnvironmentFromParent("PATH");

    /// <summary>The pids a script printed, one per line.</summary>
    public static int[] Pids(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
}
