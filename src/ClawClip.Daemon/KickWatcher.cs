using Microsoft.Extensions.Hosting;

namespace ClawClip.Daemon;

/// <summary>
/// Wakes the loops when <c>clawclip kick</c> touches <c>.clawclip/kick</c>, or when a branch moves (a push to main
/// brings a new ROADMAP.md): file-system notifications, so the daemon spends nothing while it waits.
/// </summary>
public sealed class KickWatcher : IHostedService, IDisposable
{
    private readonly DaemonPaths paths;
    private readonly Wakeup wakeup;
    private readonly List<FileSystemWatcher> watchers = [];

    public KickWatcher(DaemonPaths paths, Wakeup wakeup)
    {
        this.paths = paths;
        this.wakeup = wakeup;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(paths.KickFile)!);
        Watch(Path.GetDirectoryName(paths.KickFile)!, Path.GetFileName(paths.KickFile), subdirectories: false);
        var heads = Path.Combine(paths.RepositoryRoot, ".git", "refs", "heads");
        if (Directory.Exists(heads))
        {
            Watch(heads, "*", subdirectories: true);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }

        watchers.Clear();
    }

    private void Watch(string folder, string filter, bool subdirectories)
    {
        var watcher = new FileSystemWatcher(folder, filter) { IncludeSubdirectories = subdirectories, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite };
        watcher.Created += (_, _) => wakeup.Wake();
        watcher.Changed += (_, _) => wakeup.Wake();
        watcher.Renamed += (_, _) => wakeup.Wake();
        watcher.EnableRaisingEvents = true;
        watchers.Add(watcher);
    }
}
