using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClawClip.Daemon;

/// <summary>
/// Whether a daemon runs for a repository, from the pid file beside its lock. The lock itself is not tried: taking it,
/// even for a moment, could make a daemon that starts in that moment think another one runs. A pid file left by a
/// killed daemon names a dead process (or, rarely, a reused pid): a caller that asks such a "daemon" something must
/// give up after a deadline.
/// </summary>
public static partial class RunningDaemon
{
    /// <summary>The pid of the daemon running on <paramref name="paths"/>' repository, or null when none does.</summary>
    public static int? Find(DaemonPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string text;
        try
        {
            text = File.ReadAllText(paths.PidFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var match = PidPattern().Match(text);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsAlive(pid) ? pid : null;
    }

    /// <summary>Whether process <paramref name="pid"/> exists and has not exited.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^pid (\d+)")]
    private static partial Regex PidPattern();
}
