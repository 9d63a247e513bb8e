using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// Finding and reading task files. Reading takes no lock: every write is a whole-file rename. What cannot be read
/// is quarantined (see <see cref="StateQuarantine"/>), so one bad file hides itself, not the rest.
/// </summary>
internal sealed class TaskFiles
{
    private readonly StateLayout layout;
    private readonly StateQuarantine quarantine;

    public TaskFiles(StateLayout layout, StateQuarantine quarantine)
    {
        this.layout = layout;
        this.quarantine = quarantine;
    }

    /// <summary>Every place the task's file is, normally one. More than one is a crash leftover to repair.</summary>
    public List<(TaskState Folder, string Path)> Locate(TaskId id)
    {
        var found = new List<(TaskState, string)>(1);
        foreach (var state in TaskStateNames.All)
        {
            var path = layout.TaskPath(state, id);
            if (File.Exists(path))
            {
                found.Add((state, path));
            }
        }

        return found;
    }

    /// <summary>
    /// Reads the task at <paramref name="path"/>, or null if it has moved since it was listed, or if it cannot be
    /// read: then it is quarantined (now, if its lock is free or <paramref name="lockHeld"/>; else by a later reader).
    /// </summary>
    public TaskRecord? TryRead(string path, TaskId id, bool lockHeld = false)
    {
        var display = layout.Display(path);
        try
        {
            return StateEntry.ReadFile(path, display) is { } bytes ? TaskFile.Deserialize(bytes, display, id) : null;
        }
        catch (InvalidStateFileException e)
        {
            quarantine.TaskFile(path, id, e.Problem, lockHeld);
            return null;
        }
    }

    /// <summary>
    /// The task files in one status folder, as listed now. An entry that is no task file of this folder (a stray
    /// name, a file in the wrong shard, a link in place of a shard) is quarantined and skipped.
    /// </summary>
    public IEnumerable<(TaskId Id, string Path)> List(TaskState state)
    {
        var folder = layout.TaskFolder(state);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var shard in Directory.EnumerateDirectories(folder))
        {
            if (StateEntry.IsLink(shard))
            {
                quarantine.Stray(shard, "a symbolic link where a shard folder belongs (its target is not read)");
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(shard, "*.json"))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (!TaskId.TryParse(name, out var id) || id.Shard != Path.GetFileName(shard))
                {
                    quarantine.Stray(path, $"'{Path.GetFileName(path)}' is not a task file name here: expected T-NNNN.json inside the shard folder named for its id");
                    continue;
                }

                yield return (id, path);
            }
        }
    }

    /// <summary>
    /// Looks through <c>state/tasks/</c> for entries no task file is: anything but the status folders, in those
    /// anything but shard folders, in those anything but task files and live writers' temporary files. Each is
    /// quarantined. Reads names only, never content.
    /// </summary>
    public void SweepStrays()
    {
        if (!Directory.Exists(layout.TasksRoot))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(layout.TasksRoot))
        {
            var name = Path.GetFileName(entry);
            if (StateEntry.IsLink(entry) || !Directory.Exists(entry) || !TaskStateNames.TryParse(name, out var state))
            {
                quarantine.Stray(entry, $"unknown entry under tasks/; expected only the status folders ({string.Join(", ", TaskStateNames.All.Select(s => s.Name()))})");
                continue;
            }

            foreach (var shard in Directory.EnumerateFileSystemEntries(entry))
            {
                var shardName = Path.GetFileName(shard);
                if (StateEntry.IsLink(shard) || !Directory.Exists(shard) || shardName.Length < 2 || !shardName.All(char.IsAsciiDigit))
                {
                    quarantine.Stray(shard, $"unknown entry in {name}/; expected shard folders named by id block (00, 01, …)");
                    continue;
                }

                foreach (var file in Directory.EnumerateFileSystemEntries(shard))
                {
                    var fileName = Path.GetFileName(file);
                    var isFolder = Directory.Exists(file) && !StateEntry.IsLink(file);
                    if (!isFolder && AtomicFile.IsTemporary(fileName) && !StateEntry.IsLink(file))
                    {
                        continue; // a writer's, live or dead: recovery deletes a dead one's under the task's lock
                    }

                    if (!isFolder && fileName.EndsWith(".json", StringComparison.Ordinal) && TaskId.TryParse(fileName[..^5], out var id) && id.Shard == shardName)
                    {
                        continue; // a task's place: judged by its content, under the task's own lock, when it is read
                    }

                    quarantine.Stray(file, $"unknown entry in {state.Name()}/{shardName}/; expected task files T-NNNN.json");
                }
            }
        }
    }
}
