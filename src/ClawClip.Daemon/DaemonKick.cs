using System.Globalization;

namespace ClawClip.Daemon;

/// <summary>
/// Wakes the daemon of a repository at once: touches <see cref="DaemonPaths.KickFile"/>, which its kick watcher hears.
/// Any command that changes what the daemon should do next (an approval, a retry, an answer) calls <see cref="Send"/>
/// after its change is stored, so the daemon acts within moments instead of at its next interval.
/// </summary>
public static class DaemonKick
{
    /// <summary>Kicks the daemon of <paramref name="repositoryRoot"/>; returns whether one runs to hear it.</summary>
    /// <remarks>
    /// The kick is written whether or not a daemon runs (one starting now reads the state anyway); it never throws for
    /// a kick that could not be written, since the change it follows is stored already and the daemon finds it at its
    /// next look.
    /// </remarks>
    public static bool Send(string repositoryRoot)
    {
        var paths = new DaemonPaths(repositoryRoot);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(paths.KickFile)!);
            File.WriteAllText(paths.KickFile, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Heard or not, the daemon acts on the change at its next look.
        }

        return RunningDaemon.Find(paths) is not null;
    }
}
