using System.Collections.Concurrent;
using System.Globalization;

namespace ClawClip.State;

/// <summary>
/// <c>state/pending/</c>: lineage records between their decision and their commit. A record is written as
/// an intent (<c>KEY.intent.json</c>) before the files change and renamed to <c>KEY.ready.json</c> once they
/// have, while its guard lock is still held. So an intent whose guard lock can be taken belongs to a
/// writer that died mid-way, and recovery decides whether its change reached the files.
/// </summary>
/// <remarks>
/// Every record is written whole (a temporary file beside it, fsynced, renamed into place), so a reader
/// listing the folder while another process writes or removes a record sees it whole or not at all. A
/// record found unreadable all the same (a person's edit, a disk fault) is skipped and handed to recovery
/// (<see cref="TakeDamaged"/>), which discards it: the task files are the truth, and the reconciler writes from them
/// what the branch lacks. The rename into place is not fsynced: a power cut may lose a record, never
/// leave half of one, and a lost record is repaired the same way.
/// </remarks>
internal sealed class LineageJournal
{
    private const string IntentSuffix = ".intent.json";
    private const string ReadySuffix = ".ready.json";

    private static long counter;

    private readonly StateLayout layout;
    private readonly ConcurrentDictionary<string, string> damaged = new(StringComparer.Ordinal);

    public LineageJournal(StateLayout layout) => this.layout = layout;

    public string FlushMarkerPath => Path.Combine(layout.PendingRoot, "flushing.json");

    private string KnownTipPath => Path.Combine(layout.PendingRoot, "lineage-tip");

    /// <summary>The tip the last lineage lock holder wrote, if it noted one. A hint: the ref update checks it.</summary>
    public string? ReadKnownTip()
    {
        try
        {
            var tip = File.ReadAllText(KnownTipPath).Trim();
            return tip.Length == 40 ? tip : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void WriteKnownTip(string tip) => AtomicFile.Write(KnownTipPath, System.Text.Encoding.ASCII.GetBytes(tip));

    /// <summary>Forgets the known tip: the next holder asks git.</summary>
    public void ForgetKnownTip() => AtomicFile.Delete(KnownTipPath);

    /// <summary>A new key: sortable by time first, unique across processes.</summary>
    public static string NewKey(DateTimeOffset at) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{at.UtcDateTime:yyyyMMdd'T'HHmmssfffffff'Z'}-{Environment.ProcessId:D7}-{Interlocked.Increment(ref counter):D9}");

    public void WriteIntent(JournalEntry entry)
    {
        // Whole or not at all: the lineage holder of another process lists and reads intents at any moment.
        // The content is fsynced before the rename (no empty intent after a power cut); the folder is not.
        var path = IntentPath(entry.Key);
        var temporary = AtomicFile.WriteTemporary(path, JournalFile.Serialize(entry));
        File.Move(temporary, path);
    }

    public void MarkReady(string key) => File.Move(IntentPath(key), ReadyPath(key));

    public void Discard(string key)
    {
        File.Delete(IntentPath(key));
        File.Delete(ReadyPath(key));
    }

    /// <summary>Ready records, oldest key first; an unreadable one is skipped and kept for <see cref="TakeDamaged"/>.</summary>
    public IReadOnlyList<JournalEntry> ReadReady() => Read(ReadySuffix);

    /// <summary>Intents not yet marked ready: in progress, or left by a writer that died. An unreadable one is skipped.</summary>
    public IReadOnlyList<JournalEntry> ReadIntents() => Read(IntentSuffix);

    /// <summary>
    /// The records, intents or ready ones, that the reads since the last call found unreadable: each path with its
    /// problem. A live writer's record is always whole (it is renamed into place), so these belong to nobody alive.
    /// </summary>
    public IReadOnlyList<(string Path, string Problem)> TakeDamaged()
    {
        var taken = damaged.Select(d => (d.Key, d.Value)).Order().ToList();
        foreach (var (path, _) in taken)
        {
            damaged.TryRemove(path, out _);
        }

        return taken;
    }

    /// <summary>
    /// Deletes temporary records older than <paramref name="before"/>: a writer renames its record into place
    /// within microseconds, so one that old belongs to a writer that died between the two steps.
    /// </summary>
    public int DeleteStaleTemporaries(DateTimeOffset before)
    {
        if (!Directory.Exists(layout.PendingRoot))
        {
            return 0;
        }

        var count = 0;
        foreach (var path in Directory.EnumerateFiles(layout.PendingRoot, ".*.tmp"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(path) < before.UtcDateTime)
                {
                    File.Delete(path);
                    count++;
                }
            }
            catch (FileNotFoundException)
            {
                // renamed into place since the folder was listed
            }
        }

        return count;
    }

    public bool IsIntent(string key) => File.Exists(IntentPath(key));

    /// <summary>Whether the record <paramref name="key"/> still waits for its commit.</summary>
    public bool IsReady(string key) => File.Exists(ReadyPath(key));

    /// <summary>The keys of the ready records, from their file names (nothing is read).</summary>
    public IReadOnlyList<string> ReadyKeys() =>
        Directory.Exists(layout.PendingRoot)
            ? [.. Directory.EnumerateFiles(layout.PendingRoot, "*" + ReadySuffix).Select(path => Path.GetFileName(path)[..^ReadySuffix.Length]).Order(StringComparer.Ordinal)]
            : [];

    public bool HasReady() => Any(ReadySuffix);

    /// <summary>Whether any intent is waiting, without reading one.</summary>
    public bool HasIntents() => Any(IntentSuffix);

    private bool Any(string suffix) =>
        Directory.Exists(layout.PendingRoot) && Directory.EnumerateFiles(layout.PendingRoot, "*" + suffix).Any();

    private List<JournalEntry> Read(string suffix)
    {
        if (!Directory.Exists(layout.PendingRoot))
        {
            return [];
        }

        var entries = new List<JournalEntry>();
        foreach (var path in Directory.EnumerateFiles(layout.PendingRoot, "*" + suffix).Order(StringComparer.Ordinal))
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (FileNotFoundException)
            {
                continue; // committed or discarded since we listed the folder
            }

            try
            {
                entries.Add(JournalFile.Deserialize(bytes, layout.Display(path)));
            }
            catch (InvalidStateFileException e)
            {
                damaged[path] = e.Problem;
            }
        }

        return entries;
    }

    private string IntentPath(string key) => Path.Combine(layout.PendingRoot, key + IntentSuffix);

    private string ReadyPath(string key) => Path.Combine(layout.PendingRoot, key + ReadySuffix);
}
