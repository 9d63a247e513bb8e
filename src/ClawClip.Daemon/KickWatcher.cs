using Microsoft.Extensions.Hosting;

namespace ClawClip.Daemon;

/// <summary>
/// Wakes the loops when <c>clawclip kick</c> touches <c>.clawclip/kick</c>, when a task enters the backlog, or when the
/// target branch moves (a push to main brings a new ROADMAP.md): file-system notifications, so the daemon spends nothing
/// while it waits.
/// </summary>
public sealed class KickWatcher : IHostedService, IDisposable
{
    private readonly DaemonPaths paths;
    private readonly Wakeup wakeup;
    private readonly string target;
    private readonly List<FileSystemWatcher> watchers = [];

    public KickWatcher(DaemonPaths paths, Wakeup wakeup, DaemonOptions options)
    {
        this.paths = paths;
        this.wakeup = wakeup;
        target = options.Target;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(paths.KickFile)!);
        Watch(Path.GetDirectoryName(paths.KickFile)!, Path.GetFileName(paths.KickFile), subdirectories: false);
        var backlog = Path.Combine(paths.StateRoot, "tasks", "backlog");
        Directory.CreateDirectory(backlog);
        Watch(backlog, "*.json", subdirectories: true); // a task submitted (by a person, or the planner) or requeued

        // Only the target branch: the lineage branch (refs/heads/clawclip/state) moves with every decision.
        var heads = Path.Combine(paths.RepositoryRoot, ".git", "refs", "heads");
        if (Directory.Exists(heads))
        {
            Watch(heads, target, subdirectories: false);
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
