using Microsoft.Extensions.Hosting;

namespace ClawClip.Daemon;

/// <summary>
/// Wakes the loops when <c>clawclip kick</c> touches <c>.clawclip/kick</c>, when a task enters the backlog or lands, or when the
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
        Watch(Path.GetDirectoryName(paths.KickFile)!, subdirectories: false, name => name == Path.GetFileName(paths.KickFile));
        var backlog = Path.Combine(paths.StateRoot, "tasks", "backlog");
        Directory.CreateDirectory(backlog);
        Watch(backlog, subdirectories: true, name => name.EndsWith(".json", StringComparison.Ordinal)); // a task submitted (by a person, or the planner) or requeued

        // Only the target branch: the lineage branch (refs/heads/clawclip/state) moves with every decision.
        // A task landing: the PM may tick its goal. (The branch moves a moment before the task is marked done.)
        var done = Path.Combine(paths.StateRoot, "tasks", "done");
        Directory.CreateDirectory(done);
        Watch(done, subdirectories: true, name => name.EndsWith(".json", StringComparison.Ordinal));

        var heads = Path.Combine(paths.RepositoryRoot, ".git", "refs", "heads");
        if (Directory.Exists(heads))
        {
            // git moves a branch by renaming main.lock onto main: match the new name, not the filter's idea of it.
            Watch(heads, subdirectories: false, name => name == target);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    private void WakeIf(Func<string, bool> matches, string? name)
    {
        if (name is not null && matches(Path.GetFileName(name)))
        {
            wakeup.Wake();
        }
    }

    public void Dispose()
    {
        foreach (var watcher in watchers)
        {
            watcher.Dispose();
        }

        watchers.Clear();
    }

    private void Watch(string folder, bool subdirectories, Func<string, bool> matches)
    {
        var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = subdirectories, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite };
        watcher.Created += (_, e) => WakeIf(matches, e.Name);
        watcher.Changed += (_, e) => WakeIf(matches, e.Name);
        watcher.Renamed += (_, e) => WakeIf(matches, e.Name);
        watcher.EnableRaisingEvents = true;
        watchers.Add(watcher);
    }
}
