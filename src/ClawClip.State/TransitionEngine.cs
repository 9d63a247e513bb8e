using ClawClip.Core.Agents;
using ClawClip.Core.Lineage;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// Moves one task between status folders, crash-safely. Under the task's lock (and then the affected
/// agents' locks, always in that order):
/// <list type="number">
/// <item>record the intent in <c>state/pending/</c> (the lineage record to commit);</item>
/// <item>write the new content to a temporary file beside its destination and fsync it;</item>
/// <item>rename the task file into its new status folder — for a claim, out of <c>tasks/backlog/</c>;</item>
/// <item>rename the new content over it and fsync the folder: from here the transition has happened;</item>
/// <item>write each affected agent's <c>current-task.json</c>;</item>
/// <item>mark the record ready, release the locks.</item>
/// </list>
/// A crash before step 4 is rolled back by recovery, one after it rolled forward (see <see cref="StateRecovery"/>).
/// </summary>
internal sealed class TransitionEngine
{
    private readonly StateLayout layout;
    private readonly TaskFiles files;
    private readonly LineageJournal journal;
    private readonly StateRecovery recovery;
    private readonly StateStoreOptions options;

    public TransitionEngine(StateLayout layout, TaskFiles files, LineageJournal journal, StateRecovery recovery, StateStoreOptions options)
    {
        this.layout = layout;
        this.files = files;
        this.journal = journal;
        this.recovery = recovery;
        this.options = options;
    }

    /// <summary>What became of a move.</summary>
    public enum Outcome
    {
        Moved,
        Unchanged,
        NotFound,
        WrongStatus,
        Busy,
    }

    /// <summary>
    /// Moves <paramref name="id"/> to whatever <paramref name="decide"/> returns for its current record
    /// (null: leave it). With <paramref name="onlyIfFree"/>, a task whose lock is held is skipped (Busy)
    /// instead of waited for: claimers and the reaper move on to the next task.
    /// </summary>
    public async Task<(Outcome Outcome, TaskRecord? Task)> MoveAsync(
        TaskId id,
        TaskState? expectedFrom,
        bool onlyIfFree,
        Actor actor,
        string? data,
        Func<TaskRecord, TaskRecord?> decide,
        CancellationToken cancellationToken)
    {
        using var taskLock = onlyIfFree
            ? FileLock.TryAcquire(layout.TaskLockPath(id))
            : await FileLock.AcquireAsync(layout.TaskLockPath(id), options.LockTimeout, cancellationToken).ConfigureAwait(false);
        if (taskLock is null)
        {
            return (Outcome.Busy, null);
        }

        var path = expectedFrom is { } from ? layout.TaskPath(from, id) : null;
        if (onlyIfFree && path is not null && !File.Exists(path))
        {
            return (Outcome.NotFound, null); // a claimer or reaper that lost the race: nothing to look into
        }

        if (path is null || !File.Exists(path))
        {
            // Not where the caller thought. On the claim path that is the common case (another process took
            // it), so look before repairing: only a task that exists somewhere is worth the repair scan.
            var found = files.Locate(id);
            if (found.Count == 0)
            {
                return (Outcome.NotFound, null);
            }

            if (expectedFrom is { } wanted && found.Count == 1 && files.TryRead(found[0].Path, id, lockHeld: true) is { } elsewhere
                && elsewhere.Status == found[0].Folder && elsewhere.Status != wanted)
            {
                return (Outcome.WrongStatus, elsewhere);
            }

            var repaired = recovery.RepairLocked(id);
            if (repaired is null)
            {
                return (Outcome.NotFound, null);
            }

            path = layout.TaskPath(repaired.Status, id);
        }

        var current = files.TryRead(path, id, lockHeld: true);
        if (current is null)
        {
            return (Outcome.NotFound, null);
        }

        if (layout.TaskPath(current.Status, id) != path)
        {
            current = recovery.RepairLocked(id) ?? current;
            path = layout.TaskPath(current.Status, id);
        }

        if (expectedFrom is { } expected && current.Status != expected)
        {
            return (Outcome.WrongStatus, current);
        }

        var next = decide(current);
        if (next is null)
        {
            return (Outcome.Unchanged, current);
        }

        await WriteAsync(current, next, path, actor, data, cancellationToken).ConfigureAwait(false);
        return (Outcome.Moved, next);
    }

    /// <summary>Writes a brand-new task into the backlog. The caller holds the submit lock and the task's lock.</summary>
    public Task WriteSubmissionAsync(TaskRecord task, Actor actor, CancellationToken cancellationToken)
    {
        var e = task.History[^1];
        var path = layout.TaskPath(TaskState.Backlog, task.Id);
        var content = TaskFile.Serialize(task);
        var record = new LineageRecord(
            LineageJournal.NewKey(e.At),
            e.At,
            actor.Identity,
            TransitionMessage.Subject(task.Id, e),
            e.Reason,
            TransitionMessage.Trailers(task, e, "none"),
            [new StateChange(layout.Relative(path), Utf8(content))]);
        var entry = new JournalEntry(record.Id, layout.Relative(layout.TaskLockPath(task.Id)), task.Id, 0, null, record);
        journal.WriteIntent(entry);
        return GuardedAsync(entry, () =>
        {
            AtomicFile.Write(path, content);
            options.Observer.At(TransitionStep.AfterTaskFile, task.Id.Value);
        }, cancellationToken);
    }

    private async Task WriteAsync(TaskRecord current, TaskRecord next, string fromPath, Actor actor, string? data, CancellationToken cancellationToken)
    {
        var e = next.History[^1];
        var toPath = layout.TaskPath(next.Status, next.Id);
        var agents = new[] { current.Holder, next.Holder }
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(AgentId.Parse)
            .ToArray();

        var agentLocks = new List<FileLock>(agents.Length);
        try
        {
            foreach (var agent in agents)
            {
                agentLocks.Add(await FileLock.AcquireAsync(layout.AgentLockPath(agent), options.LockTimeout, cancellationToken).ConfigureAwait(false));
            }

            var content = TaskFile.Serialize(next);
            var agentFiles = agents
                .Select(agent => (Path: layout.CurrentTaskPath(agent), Content: AgentFile.Serialize(recovery.ReadCurrentTask(agent, lockHeld: true).After(next, e.At))))
                .ToArray();

            var changes = new List<StateChange>();
            if (fromPath != toPath)
            {
                changes.Add(new StateChange(layout.Relative(fromPath), null));
            }

            changes.Add(new StateChange(layout.Relative(toPath), Utf8(content)));
            changes.AddRange(agentFiles.Select(f => new StateChange(layout.Relative(f.Path), Utf8(f.Content))));

            var record = new LineageRecord(
                LineageJournal.NewKey(e.At),
                e.At,
                actor.Identity,
                TransitionMessage.Subject(next.Id, e),
                e.Reason,
                TransitionMessage.Trailers(next, e, data ?? layout.Relative(fromPath)),
                changes);
            var entry = new JournalEntry(record.Id, layout.Relative(layout.TaskLockPath(next.Id)), next.Id, next.History.Count - 1, current.Status, record);
            journal.WriteIntent(entry);

            await GuardedAsync(entry, () =>
            {
                var observer = options.Observer;
                observer.At(TransitionStep.BeforeRename, next.Id.Value);

                // Every new content first, durable, beside its destination, before anything is renamed.
                var temporary = AtomicFile.WriteTemporary(toPath, content, flush: false);
                var agentTemporaries = agentFiles.Select(f => AtomicFile.WriteTemporary(f.Path, f.Content, flush: false)).ToArray();
                AtomicFile.FlushAll([temporary, .. agentTemporaries], []);

                if (fromPath != toPath)
                {
                    // rename(2): atomic, and the only way out of the source folder. A claim is this rename.
                    File.Move(fromPath, toPath, overwrite: true);
                }

                observer.At(TransitionStep.AfterRename, next.Id.Value);
                File.Move(temporary, toPath, overwrite: true);
                observer.At(TransitionStep.AfterTaskFile, next.Id.Value);

                for (var i = 0; i < agentFiles.Length; i++)
                {
                    File.Move(agentTemporaries[i], agentFiles[i].Path, overwrite: true);
                }

                // One journal transaction holds a rename out of one folder and into another (ext4, XFS,
                // APFS), so flushing the destination folders makes every move of this transition durable.
                AtomicFile.FlushAll([], [Path.GetDirectoryName(toPath)!, .. agentFiles.Select(f => Path.GetDirectoryName(f.Path)!)]);
                observer.At(TransitionStep.AfterAgentFiles, next.Id.Value);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var held in agentLocks)
            {
                held.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs the file steps of a journaled change. On success the record becomes ready; on an exception
    /// (disk full, say) recovery settles it at once, while this process still holds the locks.
    /// </summary>
    private async Task GuardedAsync(JournalEntry entry, Action write, CancellationToken cancellationToken)
    {
        try
        {
            write();
        }
        catch (Exception original)
        {
            try
            {
                await recovery.ResolveLockedAsync(entry, agentLocksHeld: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception secondary) when (secondary is IOException or UnauthorizedAccessException)
            {
                // The intent stays in state/pending/; the next recovery settles it. The first error is the one to report.
                throw new IOException($"{entry.Record.Subject}: {original.Message} (and settling it failed: {secondary.Message})", original);
            }

            throw;
        }

        journal.MarkReady(entry.Key);
    }

    private static string Utf8(byte[] content) => System.Text.Encoding.UTF8.GetString(content);
}
