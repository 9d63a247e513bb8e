using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Pipeline;

/// <summary>
/// The tasks each dev of the team holds in claimed, running or review, against its <c>max_concurrent_tasks</c>: what
/// decides whether a dev may claim one more. Counted from the store, not from the runs of this process, so tasks a
/// killed runner left held, tasks another process works on and tasks waiting in review all count. Taken from the
/// task list the dispatcher reads anyway (at the start of a pass, after each merge run, every 30 s), and kept up to
/// date in between with what the dispatcher itself does: a claim adds a task, a step that ends with the task out of
/// its dev's hands removes it. Only the dispatcher's loop uses it, one step at a time.
/// </summary>
/// <remarks>
/// The cap holds for claims. A task can still come back to a dev at its cap from outside the dispatcher's claims —
/// the merge queue returns a conflict to the dev who wrote it — and then the dev claims nothing until it holds fewer.
/// </remarks>
internal sealed class DevHoldings
{
    private readonly Team team;
    private readonly Dictionary<AgentId, HashSet<TaskId>> held = [];

    public DevHoldings(Team team) => this.team = team;

    /// <summary>Whether <paramref name="status"/> is one in which a task's dev holds it against its cap.</summary>
    public static bool Counts(TaskState status) => status is TaskState.Claimed or TaskState.Running or TaskState.Review;

    /// <summary>Forgets what it knew and counts again from <paramref name="tasks"/>, the store's whole list just read.</summary>
    public void CountFrom(IEnumerable<TaskRecord> tasks)
    {
        held.Clear();
        foreach (var task in tasks)
        {
            if (Counts(task.Status) && team.Find(task.Holder) is { Definition.Role: AgentRole.Dev } dev)
            {
                Add(dev.Name, task.Id);
            }
        }
    }

    /// <summary>How many tasks <paramref name="dev"/> holds.</summary>
    public int Count(AgentId dev) => held.TryGetValue(dev, out var tasks) ? tasks.Count : 0;

    /// <summary>Whether <paramref name="dev"/> holds fewer tasks than its <c>max_concurrent_tasks</c>, so it may claim one more.</summary>
    public bool MayClaim(TeamMember dev) => Count(dev.Name) < dev.Definition.MaxConcurrentTasks;

    /// <summary><paramref name="dev"/> claimed <paramref name="task"/>.</summary>
    public void Add(AgentId dev, TaskId task)
    {
        if (!held.TryGetValue(dev, out var tasks))
        {
            held[dev] = tasks = [];
        }

        tasks.Add(task);
    }

    /// <summary><paramref name="task"/> left <paramref name="dev"/>'s hands (review passed, back in the backlog, failed, waiting for a person).</summary>
    public void Remove(AgentId dev, TaskId task)
    {
        if (held.TryGetValue(dev, out var tasks))
        {
            tasks.Remove(task);
        }
    }
}
