using System.Security.Cryptography;
using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Core.Lineage;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// The last line of defence for "the branch tip's tree equals <c>state/</c>". Pending records are not
/// fsynced, so a power cut can lose one whose task file survived. This compares the tip's tree with the
/// files and writes what the branch lacks, but only what a lost record explains: each missing task event
/// as its own commit, with the event's own actor, reason and policy (a task as of any event is its history
/// cut short), then one commit for the other files that differ and parse as what their place says. A file
/// a crash cannot explain (it does not parse, a task file whose history adds nothing to the branch's, a
/// symbolic link — never followed, its target never read) is quarantined instead; a task file gone from
/// the disk is recorded as removed, not as lost to a power cut. Run under the lineage lock, after the
/// pending records are committed.
/// </summary>
internal sealed class LineageReconciler
{
    private readonly StateLayout layout;
    private readonly TaskFiles files;
    private readonly StateQuarantine quarantine;
    private readonly ILineageBranch branch;

    public LineageReconciler(StateLayout layout, TaskFiles files, StateQuarantine quarantine, ILineageBranch branch)
    {
        this.layout = layout;
        this.files = files;
        this.quarantine = quarantine;
        this.branch = branch;
    }

    /// <summary>Returns the number of commits written.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var tip = await branch.TipAsync(cancellationToken).ConfigureAwait(false);
        if (tip is null)
        {
            return 0; // not initialized: nothing to reconcile with
        }

        var onBranch = await branch.ListFilesAsync(tip, cancellationToken).ConfigureAwait(false);
        var onDisk = DiskFiles();
        var differing = onDisk.Keys.Union(onBranch.Keys)
            .Where(path => !onDisk.TryGetValue(path, out var disk) || !onBranch.TryGetValue(path, out var committed) || disk.BlobId != committed)
            .ToHashSet(StringComparer.Ordinal);
        if (differing.Count == 0)
        {
            return 0;
        }

        var records = new List<LineageRecord>();
        foreach (var id in differing.Select(TaskIdOf).OfType<TaskId>().Distinct())
        {
            records.AddRange(await MissingEventsAsync(id, tip, onBranch, differing, cancellationToken).ConfigureAwait(false));
        }

        records.Sort((a, b) => a.At.CompareTo(b.At));
        var lost = new List<StateChange>();
        var removed = new List<StateChange>();
        foreach (var path in differing.Order(StringComparer.Ordinal))
        {
            if (!onDisk.TryGetValue(path, out var file))
            {
                // A lost record of a deletion explains a file gone, except a task's: a task's file only ever moves.
                (TaskIdOf(path) is null ? lost : removed).Add(new StateChange(path, null));
            }
            else if ((TaskIdOf(path) is not null ? "its history does not extend the lineage's copy of the task by new events (edited by hand?)" : StateFileCheck.Problem(layout, path, file.Content)) is { } problem)
            {
                quarantine.Unexplained(layout.Full(path), problem, file.Content);
            }
            else
            {
                lost.Add(new StateChange(path, Encoding.UTF8.GetString(file.Content)));
            }
        }

        var at = records.Count > 0 ? records[^1].At : DateTimeOffset.UtcNow;
        if (lost.Count > 0)
        {
            records.Add(Settling(at, "state reconciled with the files", "These files differed from the lineage (their records were lost, likely to a power cut); this commit brings the branch level with state/.", lost));
        }

        if (removed.Count > 0)
        {
            records.Add(Settling(at, "task files removed outside claw.clip", "These task files are gone from state/ with no transition to say where they went (a crash only ever moves a task file); this commit records that they are gone.", removed));
        }

        if (records.Count == 0)
        {
            return 0;
        }

        var result = await branch.AppendAsync(tip, records, cancellationToken).ConfigureAwait(false);
        return result is AppendResult.Appended ? records.Count : 0;
    }

    private static LineageRecord Settling(DateTimeOffset at, string subject, string body, List<StateChange> changes) =>
        new(
            LineageJournal.NewKey(at),
            at,
            AgentIdentity.ClawClip,
            subject,
            body,
            [new Trailer("Agent", Actor.ClawClip.Name), new Trailer("Policy", Policies.Reconcile), new Trailer("Data", string.Join(", ", changes.Select(c => c.Path)))],
            changes);

    /// <summary>One record per event the task file has and the branch's copy lacks; removes the paths it settles from <paramref name="differing"/>.</summary>
    private async Task<List<LineageRecord>> MissingEventsAsync(
        TaskId id,
        string tip,
        IReadOnlyDictionary<string, string> onBranch,
        HashSet<string> differing,
        CancellationToken cancellationToken)
    {
        var records = new List<LineageRecord>();
        // An unreadable file is quarantined by the read, and is then no longer on the disk to commit.
        var disk = files.Locate(id).Select(found => files.TryRead(found.Path, id)).OfType<TaskRecord>().MaxBy(t => t.History.Count);
        var branchPath = onBranch.Keys.FirstOrDefault(path => TaskIdOf(path) == id);
        TaskRecord? committed = null;
        if (branchPath is not null && await branch.ReadFileAsync(tip, branchPath, cancellationToken).ConfigureAwait(false) is { } text)
        {
            try
            {
                committed = TaskFile.Deserialize(Encoding.UTF8.GetBytes(text), $"clawclip/state:{branchPath}", id);
            }
            catch (InvalidStateFileException)
            {
                // Garbage an older claw.clip committed: every event the file has is one the branch lacks.
            }
        }

        var from = committed?.History.Count ?? 0;
        if (disk is null || from >= disk.History.Count || (committed is not null && !SameStart(committed, disk)))
        {
            return records; // not a task that moved on; the catch-all commit settles it
        }

        var previousPath = branchPath;
        for (var count = from + 1; count <= disk.History.Count; count++)
        {
            var asOf = disk.AsOf(count);
            var e = asOf.History[^1];
            var path = layout.Relative(layout.TaskPath(asOf.Status, id));
            var changes = new List<StateChange>();
            if (previousPath is not null && previousPath != path)
            {
                changes.Add(new StateChange(previousPath, null));
            }

            changes.Add(new StateChange(path, Encoding.UTF8.GetString(TaskFile.Serialize(asOf))));
            records.Add(new LineageRecord(
                LineageJournal.NewKey(e.At),
                e.At,
                AuthorOf(e.Actor),
                TransitionMessage.Subject(id, e),
                e.Reason,
                [.. TransitionMessage.Trailers(asOf, e, "none"), new Trailer("Recovered", "reconciled from the task file after its record was lost")],
                changes));
            previousPath = path;
        }

        differing.RemoveWhere(path => TaskIdOf(path) == id);
        return records;
    }

    private static bool SameStart(TaskRecord committed, TaskRecord disk) =>
        committed.History.Select((e, i) => disk.History[i] == e).All(same => same);

    private static AgentIdentity AuthorOf(string actor) =>
        actor == Actor.Human.Name ? AgentIdentity.Human
        : actor == Actor.Reaper.Name ? AgentIdentity.Reaper
        : AgentId.TryParse(actor, out var agent) ? AgentIdentity.For(agent)
        : AgentIdentity.ClawClip;

    private static TaskId? TaskIdOf(string path) =>
        path.StartsWith("tasks/", StringComparison.Ordinal) && TaskId.TryParse(Path.GetFileNameWithoutExtension(path), out var id) ? id : null;

    /// <summary>
    /// Every recorded file under <c>state/</c>, walked without following a symbolic link: a link found is
    /// quarantined as a link, its target never opened.
    /// </summary>
    private Dictionary<string, (string BlobId, byte[] Content)> DiskFiles()
    {
        var result = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        var folders = new Stack<string>([layout.Root]);
        while (folders.TryPop(out var folder))
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(folder))
            {
                var relative = layout.Relative(path);
                var holdsRecorded = StateLayout.IsRecorded(relative + "/x"); // as a folder, its content would be committed
                if (!holdsRecorded && !StateLayout.IsRecorded(relative))
                {
                    continue; // locks/, pending/, a quarantined entry: nothing of it is committed
                }

                if (StateEntry.IsLink(path))
                {
                    quarantine.Stray(path, "a symbolic link (its target is not read, nor committed)");
                }
                else if (Directory.Exists(path))
                {
                    folders.Push(path);
                }
                else if (StateLayout.IsRecorded(relative) && StateEntry.ReadFile(path, layout.Display(path)) is { } content)
                {
                    result[relative] = (BlobId(content), content);
                }
            }
        }

        return result;
    }

    // git names a file's content by SHA-1 over "blob <length>\0<content>": this compares with git, it secures nothing.
#pragma warning disable CA5350
    private static string BlobId(byte[] content) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));
#pragma warning restore CA5350
}
