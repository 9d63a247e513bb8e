using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Core.Lineage;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// Takes an entry under <c>state/</c> that cannot be read as what its place says it is (a task file of <c>{}</c>, a
/// garbage <c>current-task.json</c>, a stray <c>tasks/backlog/notes.txt</c>, a folder, a symbolic link) out of the
/// team's way, so that one bad file stops nobody. The entry is moved, under the lock that guards its place, to
/// <c>state/quarantine/&lt;id&gt;/&lt;its name&gt;</c>, beside a note <c>state/quarantine/&lt;id&gt;.json</c> (origin, when,
/// why), by a journaled change like any other: one lineage commit that removes the origin from the tree and adds the
/// note, never the entry's content (nothing that cannot be parsed is committed).
/// <list type="number">
/// <item>under the guard lock, look again: a writer may have put it right since it was seen;</item>
/// <item>record the intent in <c>state/pending/</c>;</item>
/// <item>write the note;</item>
/// <item>rename the entry into the quarantine (a link is renamed as a link): from here it has happened;</item>
/// <item>mark the record ready.</item>
/// </list>
/// Recovery rolls a dead quarantiner forward if the entry reached the quarantine and back (the note removed) if it
/// did not; the entry is then found bad again and quarantined anew, so doing it twice is harmless.
/// </summary>
internal sealed class StateQuarantine
{
    public const string FolderName = "quarantine";

    /// <summary>The trailer that names the entry's place in the quarantine, relative to <c>state/</c>.</summary>
    public const string QuarantinedTrailer = "Quarantined";

    private readonly StateLayout layout;
    private readonly LineageJournal journal;
    private readonly TimeProvider time;
    private readonly ConcurrentQueue<(string Key, QuarantinedFile File)> unannounced = new();
    private readonly ConcurrentQueue<string> repairs = new();

    public StateQuarantine(StateLayout layout, LineageJournal journal, TimeProvider time)
    {
        this.layout = layout;
        this.journal = journal;
        this.time = time;
    }

    public string Root => Path.Combine(layout.Root, FolderName);

    private string LockPath => Path.Combine(layout.LocksRoot, "quarantine.lock");

    /// <summary>A task file that cannot be read. Taken only under the task's lock: a busy task is a live writer's, left alone now.</summary>
    public void TaskFile(string path, TaskId id, string problem, bool lockHeld) =>
        Take(path, layout.TaskLockPath(id), lockHeld, problem, () => TaskProblem(path, id));

    /// <summary>An agent's file that cannot be read, under the agent's lock.</summary>
    public void AgentFile<T>(string path, AgentId agent, string problem, bool lockHeld, AgentFile.Parser<T> parse) =>
        Take(path, layout.AgentLockPath(agent), lockHeld, problem, () => Problem(path, bytes => parse(bytes, layout.Display(path), agent)));

    /// <summary>An entry nothing in claw.clip writes where it is (a stray file, a folder, a link).</summary>
    public void Stray(string path, string problem) =>
        Take(path, LockPath, lockHeld: false, problem, () => StateEntry.Exists(path) ? problem : null);

    /// <summary>
    /// A file the reconciler cannot explain by a lost record (it does not parse, or a task file's history adds nothing
    /// to the branch's), under the lock of its place; taken only if its content is still <paramref name="seen"/>.
    /// </summary>
    public void Unexplained(string path, string problem, byte[] seen) =>
        Take(path, GuardOf(layout.Relative(path)), lockHeld: false, problem, () =>
        {
            try
            {
                return StateEntry.ReadFile(path, layout.Display(path)) is { } now && now.AsSpan().SequenceEqual(seen) ? problem : null;
            }
            catch (InvalidStateFileException e)
            {
                return e.Problem;
            }
        });

    /// <summary>The lock that guards writes to a path: its task's, its agent's, or the quarantine's own for anything else.</summary>
    private string GuardOf(string relativePath) =>
        relativePath.Split('/') switch
        {
            ["tasks", _, _, var file] when file.EndsWith(".json", StringComparison.Ordinal) && TaskId.TryParse(file[..^5], out var id) => layout.TaskLockPath(id),
            ["agents", var name, _] when AgentId.TryParse(name, out var agent) => layout.AgentLockPath(agent),
            ["goals", var file] when file.EndsWith(".json", StringComparison.Ordinal) => Path.Combine(layout.LocksRoot, "goals", file[..^5] + ".lock"),
            ["budget.json"] => layout.BudgetLockPath,
            ["emergency-stop.json"] => layout.StopLockPath,
            ["README.md"] => Path.Combine(layout.LocksRoot, "readme.lock"),
            _ => LockPath,
        };

    /// <summary>Whether a quarantine has not yet been handed out by <see cref="TakeCommitted"/>.</summary>
    public bool HasUnannounced => !unannounced.IsEmpty;

    /// <summary>The entries quarantined since the last call whose lineage commit is written: what to alert on.</summary>
    public IReadOnlyList<QuarantinedFile> TakeCommitted()
    {
        var committed = new List<QuarantinedFile>();
        var waiting = new List<(string, QuarantinedFile)>();
        while (unannounced.TryDequeue(out var item))
        {
            if (journal.IsPending(item.Key))
            {
                waiting.Add(item);
            }
            else
            {
                committed.Add(item.File);
            }
        }

        foreach (var item in waiting)
        {
            unannounced.Enqueue(item);
        }

        return committed;
    }

    /// <summary>Takes the descriptions of the quarantines made since the last call.</summary>
    public IReadOnlyList<string> TakeRepairs()
    {
        var taken = new List<string>();
        while (repairs.TryDequeue(out var repair))
        {
            taken.Add(repair);
        }

        return taken;
    }

    /// <summary>Every entry in the quarantine with its note, oldest first.</summary>
    public IReadOnlyList<QuarantinedFile> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var found = new List<QuarantinedFile>();
        foreach (var note in Directory.EnumerateFiles(Root, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (StateEntry.ReadFile(note, layout.Display(note)) is { } bytes)
                {
                    found.Add(QuarantineNoteFile.Deserialize(bytes, layout.Display(note)));
                }
            }
            catch (InvalidStateFileException)
            {
                // A note a person broke: the entry beside it is still there to see; the listing goes on.
            }
        }

        return found;
    }

    /// <summary>Whether a lineage-relative path is the note of a quarantined entry (recorded) rather than the entry (never).</summary>
    public static bool IsNote(string relativePath) =>
        relativePath.StartsWith(FolderName + "/", StringComparison.Ordinal)
        && relativePath.IndexOf('/', FolderName.Length + 1) < 0
        && relativePath.EndsWith(".json", StringComparison.Ordinal);

    /// <summary>
    /// Settles a quarantine whose writer died; the caller holds its guard lock. True if it took effect (the record is
    /// then ready); false if it did not (the note is removed, the record is the caller's to drop).
    /// </summary>
    public bool Settle(JournalEntry entry)
    {
        var quarantined = entry.Record.Trailers.FirstOrDefault(t => t.Key == QuarantinedTrailer)?.Value;
        var note = entry.Record.Changes.FirstOrDefault(c => c.Content is not null);
        if (quarantined is not null && StateEntry.Exists(layout.Full(quarantined)))
        {
            if (note is not null && !File.Exists(layout.Full(note.Path)))
            {
                AtomicFile.Write(layout.Full(note.Path), Encoding.UTF8.GetBytes(note.Content!));
            }

            return true;
        }

        if (note is not null)
        {
            AtomicFile.DeleteTemporaries(layout.Full(note.Path));
            AtomicFile.Delete(layout.Full(note.Path));
        }

        return false;
    }

    public static bool IsQuarantine(JournalEntry entry) =>
        entry.Task is null && entry.Record.Trailers.Any(t => t.Key == "Policy" && t.Value == Policies.Quarantine);

    private void Take(string path, string guardLock, bool lockHeld, string problem, Func<string?> problemNow)
    {
        using var guard = lockHeld ? null : FileLock.TryAcquire(guardLock);
        if (!lockHeld && guard is null)
        {
            return; // its writer is at work: what it leaves is judged by whoever reads it next
        }

        // Under the lock, look again: a writer may have put it right, or a person taken it away, since it was seen.
        if (!StateEntry.Exists(path) || problemNow() is not { } now)
        {
            return;
        }

        QuarantineLocked(path, guardLock, now.Length > 0 ? now : problem);
    }

    private void QuarantineLocked(string path, string guardLock, string problem)
    {
        var at = time.GetUtcNow();
        var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        var origin = layout.Relative(path);
        var folder = Path.Combine(Root, id);
        var destination = Path.Combine(folder, Path.GetFileName(path));
        var notePath = Path.Combine(Root, id + ".json");
        var kind = StateEntry.Kind(path);
        var file = new QuarantinedFile(layout.Display(path), layout.Display(destination), kind, at, problem);
        var note = QuarantineNoteFile.Serialize(file);

        var changes = new List<StateChange>();
        if (Recordable(origin))
        {
            changes.Add(new StateChange(origin, null)); // out of the lineage's tree if it was there (a folder with all it holds)
        }

        changes.Add(new StateChange(layout.Relative(notePath), Encoding.UTF8.GetString(note)));
        var shown = Printable(file.Origin);
        var record = new LineageRecord(
            LineageJournal.NewKey(at),
            at,
            AgentIdentity.ClawClip,
            $"quarantined {shown}",
            $"It could not be read as what its place says ({Printable(problem)}), so it was moved to {Printable(file.Path)} for a person to look at; everything else goes on. To put it back: move it to {shown}.",
            [
                new Trailer("Agent", Actor.ClawClip.Name),
                new Trailer("Policy", Policies.Quarantine),
                new Trailer("Data", Recordable(origin) ? origin : Printable(origin)),
                new Trailer(QuarantinedTrailer, layout.Relative(destination)),
            ],
            changes);
        var entry = new JournalEntry(record.Id, layout.Relative(guardLock), null, null, null, record);
        journal.WriteIntent(entry);
        AtomicFile.Write(notePath, note);
        AtomicFile.EnsureDirectory(folder);
        StateEntry.Move(path, destination); // rename(2): a link moves as a link, its target untouched

        DirectorySync.Flush(Path.GetDirectoryName(path)!);
        DirectorySync.Flush(folder);
        journal.MarkReady(entry.Key);
        unannounced.Enqueue((entry.Key, file));
        repairs.Enqueue($"{shown}: quarantined to {Printable(file.Path)} ({Printable(problem)})");
    }

    private string? TaskProblem(string path, TaskId id) =>
        Problem(path, bytes => ClawClip.State.TaskFile.Deserialize(bytes, layout.Display(path), id));

    /// <summary>What is wrong with the file now, or null if it reads (or is gone). Empty: wrong, for the reason first seen.</summary>
    private string? Problem(string path, Action<byte[]> parse)
    {
        try
        {
            if (StateEntry.ReadFile(path, layout.Display(path)) is not { } bytes)
            {
                return null;
            }

            parse(bytes);
            return null;
        }
        catch (InvalidStateFileException e)
        {
            return e.Problem;
        }
    }

    /// <summary>A path the lineage could hold (the same test its writer applies): anything else was never in its tree.</summary>
    private static bool Recordable(string relativePath) =>
        relativePath.Length > 0 && !relativePath.StartsWith('/') && !relativePath.StartsWith('"')
        && !relativePath.Contains("..", StringComparison.Ordinal) && !relativePath.Any(char.IsControl);

    private static string Printable(string text) => new([.. text.Select(c => char.IsControl(c) ? '?' : c)]);
}
