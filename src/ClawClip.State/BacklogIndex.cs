using System.Diagnostics;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// The backlog in claim order (priority, then age), kept in memory so that a busy claimer does not read
/// every backlog file for every claim. A definition never changes once submitted, so each file is read
/// once; the folder is listed again when the list runs out or is older than its allowed age. A stale
/// entry costs one failed claim attempt, never a wrong claim: the claim itself checks the file.
/// </summary>
internal sealed class BacklogIndex
{
    private readonly TaskFiles files;
    private readonly TimeSpan maxAge;
    private readonly Dictionary<TaskId, TaskDefinition> definitions = [];
    private readonly HashSet<TaskId> gone = [];
    private TaskId[] order = [];
    private long listedAt;

    public BacklogIndex(TaskFiles files, TimeSpan maxAge)
    {
        this.files = files;
        this.maxAge = maxAge;
    }

    /// <summary>Backlog tasks an agent with <paramref name="skills"/> could take, best first.</summary>
    public IEnumerable<TaskId> Candidates(IReadOnlySet<string> skills)
    {
        TaskId[] snapshot;
        lock (definitions)
        {
            if (gone.Count >= order.Length || Stopwatch.GetElapsedTime(listedAt) > maxAge)
            {
                Refresh();
            }

            snapshot = order;
        }

        // Lazily, over the list as it was: a claimer usually wins one of the first few.
        foreach (var id in snapshot)
        {
            bool skip;
            lock (definitions)
            {
                skip = gone.Contains(id) || !definitions[id].Skills.All(skills.Contains);
            }

            if (!skip)
            {
                yield return id;
            }
        }
    }

    /// <summary>Forgets a task that left the backlog, so the next caller does not try it.</summary>
    public void Remove(TaskId id)
    {
        lock (definitions)
        {
            gone.Add(id);
        }
    }

    private void Refresh()
    {
        var present = new List<TaskId>();
        foreach (var (id, path) in files.List(TaskState.Backlog))
        {
            if (!definitions.ContainsKey(id))
            {
                if (files.TryRead(path, id) is not { } task)
                {
                    continue; // claimed since the folder was listed
                }

                definitions[id] = task.Definition;
            }

            present.Add(id);
        }

        order = [.. present.OrderByDescending(id => definitions[id].Priority).ThenBy(id => id.Number)];
        gone.Clear();
        listedAt = Stopwatch.GetTimestamp();
    }
}
