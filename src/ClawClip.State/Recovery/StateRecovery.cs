using System.Text;
using System.Text.Json;
using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// Puts the files right after a crash. Every repair happens under the lock that guarded the change, so it
/// only ever touches what a dead process left: a lock that can be taken has no live holder.
/// <list type="bullet">
/// <item>A task file whose folder disagrees with its content is moved to the folder its content names:
/// the content is the truth, the folder catches up (a crash between the two renames of a move).</item>
/// <item>A task found in two folders keeps the copy with the longer history.</item>
/// <item>A pending intent whose event is in the task file is rolled forward (agent files completed, the
/// record made ready); one whose event never reached the file is rolled back and dropped.</item>
/// <item>Temporary files of dead writers are deleted.</item>
/// </list>
/// </summary>
internal sealed class StateRecovery
{
    private readonly StateLayout layout;
    private readonly TaskFiles files;
    private readonly LineageJournal journal;
    private readonly TimeSpan lockTimeout;
    private readonly List<string> repairs = [];
    private bool lostRecords;

    public StateRecovery(StateLayout layout, TaskFiles files, LineageJournal journal, TimeSpan lockTimeout)
    {
        this.layout = layout;
        this.files = files;
        this.journal = journal;
        this.lockTimeout = lockTimeout;
    }

    /// <summary>Takes the descriptions of repairs made since the last call.</summary>
    public IReadOnlyList<string> TakeRepairs()
    {
        lock (repairs)
        {
            var taken = repairs.ToArray();
            repairs.Clear();
            return taken;
        }
    }

    public CurrentTask ReadCurrentTask(AgentId agent) =>
        AgentFile.ReadOrEmpty(layout, layout.CurrentTaskPath(agent), agent, AgentFile.ReadCurrentTask, CurrentTask.Idle);

    /// <summary>
    /// Settles every intent whose writer has died. Returns, for each task with a transition still in
    /// progress, the lowest event index in progress: later records of that task must wait for it.
    /// </summary>
    public async Task<IReadOnlyDictionary<TaskId, int>> RecoverIntentsAsync(CancellationToken cancellationToken)
    {
        var inProgress = new Dictionary<TaskId, int>();
        foreach (var entry in journal.ReadIntents())
        {
            using var guard = FileLock.TryAcquire(layout.Full(entry.GuardLock));
            if (guard is null)
            {
                if (entry.Task is { } busy)
                {
                    inProgress[busy] = Math.Min(inProgress.GetValueOrDefault(busy, int.MaxValue), entry.EventIndex ?? 0);
                }

                continue;
            }

            if (journal.IsIntent(entry.Key))
            {
                await ResolveLockedAsync(entry, agentLocksHeld: false, cancellationToken).ConfigureAwait(false);
            }
        }

        DiscardDamagedRecords();
        return inProgress;
    }

    /// <summary>
    /// Whether an unreadable record was discarded since the branch was last reconciled with the files: its commit
    /// is lost, and only the reconciler writes it (from the task file's own history).
    /// </summary>
    public bool LostRecords => Volatile.Read(ref lostRecords);

    /// <summary>Called once the branch has been reconciled with the files.</summary>
    public void Reconciled() => Volatile.Write(ref lostRecords, false);

    /// <summary>
    /// Removes the pending records the journal found unreadable (a torn or empty file: a power cut, a disk fault,
    /// a hand edit). Its guard lock is unknown, but no live writer's record is ever unreadable (each is renamed
    /// into place whole), and the files it would have changed are the truth either way.
    /// </summary>
    private void DiscardDamagedRecords()
    {
        foreach (var (path, problem) in journal.TakeDamaged())
        {
            if (!File.Exists(path))
            {
                continue;
            }

            AtomicFile.Delete(path);
            Volatile.Write(ref lostRecords, true);
            Note($"{layout.Display(path)}: discarded an unreadable lineage record ({problem}); the branch is reconciled with the task files, which are the truth");
        }
    }

    /// <summary>Settles one intent. The caller holds its guard lock.</summary>
    public async Task ResolveLockedAsync(JournalEntry entry, bool agentLocksHeld, CancellationToken cancellationToken)
    {
        if (entry.Task is not { } id)
        {
            var onDisk = entry.Record.Changes.All(c => c.Content is null ? !File.Exists(layout.Full(c.Path)) : ContentIs(layout.Full(c.Path), c.Content));
            foreach (var change in entry.Record.Changes)
            {
                AtomicFile.DeleteTemporaries(layout.Full(change.Path));
            }

            Settle(entry, onDisk);
            return;
        }

        var task = RepairLocked(id);
        var index = entry.EventIndex ?? 0;
        var reached = task is not null && task.History.Count > index && task.History[index].At == entry.Record.At;
        foreach (var change in entry.Record.Changes.Where(c => c.Path.StartsWith("agents/", StringComparison.Ordinal)))
        {
            await SettleAgentFileAsync(change.Path, reached ? change.Content : null, entry.Record.At, agentLocksHeld, cancellationToken).ConfigureAwait(false);
        }

        Settle(entry, reached);
    }

    /// <summary>
    /// Finds task <paramref name="id"/> and makes its files consistent: one copy, in the folder its
    /// content names, no temporary files. The caller holds the task's lock. Null if there is no such task.
    /// </summary>
    public TaskRecord? RepairLocked(TaskId id)
    {
        foreach (var state in TaskStateNames.All)
        {
            if (AtomicFile.DeleteTemporaries(layout.TaskPath(state, id)) > 0)
            {
                Note($"{id}: removed a temporary file left in tasks/{state.Name()}/ by a writer that died");
            }
        }

        var copies = files.Locate(id)
            .Select(found => (found.Folder, found.Path, Task: files.TryRead(found.Path, id)))
            .Where(copy => copy.Task is not null)
            .ToList();
        if (copies.Count == 0)
        {
            return null;
        }

        var truth = copies.MaxBy(copy => copy.Task!.History.Count);
        var task = truth.Task!;
        var target = layout.TaskPath(task.Status, id);
        if (truth.Path != target)
        {
            AtomicFile.EnsureDirectory(Path.GetDirectoryName(target)!);
            File.Move(truth.Path, target, overwrite: true);
            DirectorySync.Flush(Path.GetDirectoryName(target)!);
            Note($"{id}: moved from tasks/{truth.Folder.Name()}/ to tasks/{task.Status.Name()}/, where its content says it is (a move was cut short)");
        }

        foreach (var stale in copies.Where(copy => copy.Path != truth.Path && copy.Path != target))
        {
            AtomicFile.Delete(stale.Path);
            Note($"{id}: removed a stale copy in tasks/{stale.Folder.Name()}/ (history of {stale.Task!.History.Count} events; kept {task.History.Count})");
        }

        return task;
    }

    /// <summary>
    /// Checks every task file and temporary file under <c>state/tasks/</c> and repairs those whose lock is
    /// free. Used at start-up and by the reaper; reading every file is why it is not on the claim path.
    /// </summary>
    public void ScanAndRepair()
    {
        var seen = new HashSet<TaskId>();
        var suspects = new HashSet<TaskId>();
        foreach (var state in TaskStateNames.All)
        {
            var folder = layout.TaskFolder(state);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(folder, ".*.tmp", SearchOption.AllDirectories))
            {
                var name = Path.GetFileName(path);
                var idText = name.Split('.', StringSplitOptions.RemoveEmptyEntries)[0];
                if (TaskId.TryParse(idText, out var owner))
                {
                    suspects.Add(owner);
                }
            }

            foreach (var (id, path) in files.List(state))
            {
                if (!seen.Add(id))
                {
                    suspects.Add(id);
                    continue;
                }

                var task = files.TryRead(path, id);
                if (task is not null && task.Status != state)
                {
                    suspects.Add(id);
                }
            }
        }

        foreach (var id in suspects.Order())
        {
            using var taskLock = FileLock.TryAcquire(layout.TaskLockPath(id));
            if (taskLock is not null)
            {
                RepairLocked(id);
            }
        }
    }

    /// <summary>
    /// Under the agent's lock: removes what a dead writer left beside an agent file and, for a transition
    /// that took effect, writes the file it did not get to (unless a later transition already has).
    /// </summary>
    private async Task SettleAgentFileAsync(string relativePath, string? content, DateTimeOffset at, bool lockHeld, CancellationToken cancellationToken)
    {
        var path = layout.Full(relativePath);
        var agent = AgentId.Parse(relativePath.Split('/')[1]);
        using var agentLock = lockHeld ? null : await FileLock.AcquireAsync(layout.AgentLockPath(agent), lockTimeout, cancellationToken).ConfigureAwait(false);
        if (AtomicFile.DeleteTemporaries(path) > 0)
        {
            Note($"{agent}: removed a temporary {relativePath.Split('/')[^1]} left by a writer that died");
        }

        if (content is null)
        {
            return;
        }

        var existing = ReadUpdatedAt(path);
        if (existing is null || existing < at)
        {
            AtomicFile.Write(path, Encoding.UTF8.GetBytes(content));
            Note($"{agent}: completed {relativePath.Split('/')[^1]} of a transition whose writer died after it took effect");
        }
    }

    private void Settle(JournalEntry entry, bool keep)
    {
        if (keep)
        {
            journal.MarkReady(entry.Key);
        }
        else
        {
            journal.Discard(entry.Key);
            Note($"dropped '{entry.Record.Subject}': its writer died before it took effect");
        }
    }

    private static bool ContentIs(string path, string content) =>
        File.Exists(path) && File.ReadAllText(path, Encoding.UTF8) == content;

    private static DateTimeOffset? ReadUpdatedAt(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.TryGetProperty("updated_at", out var value) && value.TryGetDateTimeOffset(out var at) ? at : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    private void Note(string repair)
    {
        lock (repairs)
        {
            repairs.Add(repair);
        }
    }
}
