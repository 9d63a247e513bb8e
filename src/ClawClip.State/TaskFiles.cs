using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>Finding and reading task files. Reading takes no lock: every write is a whole-file rename.</summary>
internal sealed class TaskFiles
{
    private readonly StateLayout layout;

    public TaskFiles(StateLayout layout) => this.layout = layout;

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

    public TaskRecord Read(string path, TaskId id) => TaskFile.Deserialize(File.ReadAllBytes(path), layout.Display(path), id);

    /// <summary>Reads the task at <paramref name="path"/>, or null if it has moved since it was listed.</summary>
    public TaskRecord? TryRead(string path, TaskId id)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        return TaskFile.Deserialize(bytes, layout.Display(path), id);
    }

    /// <summary>The task files in one status folder, as listed now.</summary>
    public IEnumerable<(TaskId Id, string Path)> List(TaskState state)
    {
        var folder = layout.TaskFolder(state);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var shard in Directory.EnumerateDirectories(folder))
        {
            foreach (var path in Directory.EnumerateFiles(shard, "*.json"))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (!TaskId.TryParse(name, out var id) || id.Shard != Path.GetFileName(shard))
                {
                    throw new InvalidStateFileException(layout.Display(path), $"'{Path.GetFileName(path)}' is not a task file name here: expected T-NNNN.json inside the shard folder named for its id");
                }

                yield return (id, path);
            }
        }
    }

    /// <summary>
    /// Checks that <c>state/tasks/</c> holds only the status folders, and those only shard folders.
    /// Returns the problems found, each naming the path.
    /// </summary>
    public IReadOnlyList<string> CheckLayout()
    {
        var problems = new List<string>();
        if (!Directory.Exists(layout.TasksRoot))
        {
            return problems;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(layout.TasksRoot))
        {
            var name = Path.GetFileName(entry);
            if (!Directory.Exists(entry) || !TaskStateNames.TryParse(name, out _))
            {
                problems.Add($"{layout.Display(entry)}: unknown entry under tasks/; expected only the status folders ({string.Join(", ", TaskStateNames.All.Select(s => s.Name()))})");
                continue;
            }

            foreach (var shard in Directory.EnumerateFileSystemEntries(entry))
            {
                var shardName = Path.GetFileName(shard);
                if (!Directory.Exists(shard) || shardName.Length < 2 || !shardName.All(char.IsAsciiDigit))
                {
                    problems.Add($"{layout.Display(shard)}: unknown entry in {name}/; expected shard folders named by id block (00, 01, …)");
                }
            }
        }

        return problems;
    }
}
