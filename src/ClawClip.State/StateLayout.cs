using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// Where everything lives under <c>state/</c>. Paths handed to the lineage are relative to <c>state/</c>
/// with <c>/</c> separators; paths shown to a person are relative to the repository.
/// </summary>
public sealed class StateLayout
{
    public const string FolderName = "state";

    public StateLayout(string repositoryRoot)
    {
        RepositoryRoot = Path.GetFullPath(repositoryRoot);
        Root = Path.Combine(RepositoryRoot, FolderName);
    }

    public string RepositoryRoot { get; }

    /// <summary>The <c>state/</c> folder.</summary>
    public string Root { get; }

    public string TasksRoot => Path.Combine(Root, "tasks");

    public string AgentsRoot => Path.Combine(Root, "agents");

    public string GoalsRoot => Path.Combine(Root, "goals");

    /// <summary>Lock files: never committed, never meaningful after every process has exited.</summary>
    public string LocksRoot => Path.Combine(Root, "locks");

    /// <summary>Lineage records waiting to become commits: never committed themselves.</summary>
    public string PendingRoot => Path.Combine(Root, "pending");

    public string EmergencyStopPath => Path.Combine(Root, "emergency-stop.json");

    /// <summary>The budget pauses in force and the warnings sent.</summary>
    public string BudgetPath => Path.Combine(Root, "budget.json");

    public string BudgetLockPath => Path.Combine(LocksRoot, "budget.lock");

    /// <summary>The agents a model API outage is failing, their backoff, and the pauses it caused.</summary>
    public string OutagePath => Path.Combine(Root, "outage.json");

    public string OutageLockPath => Path.Combine(LocksRoot, "outage.lock");

    public string LineageLockPath => Path.Combine(LocksRoot, "lineage.lock");

    public string SubmitLockPath => Path.Combine(LocksRoot, "submit.lock");

    public string StopLockPath => Path.Combine(LocksRoot, "emergency-stop.lock");

    public string NextIdHintPath => Path.Combine(LocksRoot, "next-task-id");

    public string TaskFolder(TaskState state) => Path.Combine(TasksRoot, state.Name());

    public string TaskPath(TaskState state, TaskId id) => Path.Combine(TaskFolder(state), id.Shard, id.Value + ".json");

    public string TaskLockPath(TaskId id) => Path.Combine(LocksRoot, "tasks", id.Value + ".lock");

    public string AgentFolder(AgentId agent) => Path.Combine(AgentsRoot, agent.Value);

    public string CurrentTaskPath(AgentId agent) => Path.Combine(AgentFolder(agent), "current-task.json");

    public string SnapshotPath(AgentId agent) => Path.Combine(AgentFolder(agent), "context-snapshot.json");

    public string OutboxPath(AgentId agent) => Path.Combine(AgentFolder(agent), "outbox.json");

    public string TrustPath(AgentId agent) => Path.Combine(AgentFolder(agent), "trust.json");

    public string AgentLockPath(AgentId agent) => Path.Combine(LocksRoot, "agents", agent.Value + ".lock");

    /// <summary>A path under <c>state/</c> as the lineage names it: <c>tasks/claimed/00/T-0007.json</c>.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>The full path of a lineage-relative path.</summary>
    public string Full(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A path as a person should see it in a message: relative to the repository.</summary>
    public string Display(string fullPath) => Path.GetRelativePath(RepositoryRoot, fullPath).Replace('\\', '/');

    /// <summary>
    /// Whether a path under <c>state/</c> belongs on the lineage branch. Locks, pending records and
    /// temporary files do not: they mean nothing once their process has gone. Nor do quarantined entries (their
    /// notes do).
    /// </summary>
    public static bool IsRecorded(string relativePath)
    {
        if (relativePath.StartsWith("locks/", StringComparison.Ordinal) || relativePath.StartsWith("pending/", StringComparison.Ordinal))
        {
            return false;
        }

        // A quarantined entry is never committed (it could not be parsed; it may be a link): only its note is.
        if (relativePath.StartsWith(StateQuarantine.FolderName + "/", StringComparison.Ordinal) && !StateQuarantine.IsNote(relativePath))
        {
            return false;
        }

        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return !AtomicFile.IsTemporary(name);
    }
}
