using System.Globalization;

namespace ClawClip.State;

/// <summary>
/// <c>state/pending/</c>: lineage records between their decision and their commit. A record is written as
/// an intent (<c>KEY.intent.json</c>) before the files change and renamed to <c>KEY.ready.json</c> once they
/// have, while its guard lock is still held. So an intent whose guard lock can be taken belongs to a
/// writer that died mid-way, and recovery decides whether its change reached the files.
/// </summary>
/// <remarks>
/// Records are not fsynced: they are a cache of what the task files already say. A power cut that loses
/// one is repaired by reconciling the branch with the files; a process crash loses nothing (the page
/// cache outlives the process).
/// </remarks>
internal sealed class LineageJournal
{
    private const string IntentSuffix = ".intent.json";
    private const string ReadySuffix = ".ready.json";

    private static long counter;

    private readonly StateLayout layout;

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
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void WriteKnownTip(string tip) => File.WriteAllText(KnownTipPath, tip);

    /// <summary>A new key: sortable by time first, unique across processes.</summary>
    public static string NewKey(DateTimeOffset at) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{at.UtcDateTime:yyyyMMdd'T'HHmmssfffffff'Z'}-{Environment.ProcessId:D7}-{Interlocked.Increment(ref counter):D9}");

    public void WriteIntent(JournalEntry entry)
    {
        Directory.CreateDirectory(layout.PendingRoot);
        File.WriteAllBytes(IntentPath(entry.Key), JournalFile.Serialize(entry));
    }

    public void MarkReady(string key) => File.Move(IntentPath(key), ReadyPath(key));

    public void Discard(string key)
    {
        File.Delete(IntentPath(key));
        File.Delete(ReadyPath(key));
    }

    /// <summary>Ready records, oldest key first.</summary>
    public IReadOnlyList<JournalEntry> ReadReady() => Read(ReadySuffix);

    /// <summary>Intents not yet marked ready: in progress, or left by a writer that died.</summary>
    public IReadOnlyList<JournalEntry> ReadIntents() => Read(IntentSuffix);

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

            entries.Add(JournalFile.Deserialize(bytes, layout.Display(path)));
        }

        return entries;
    }

    private string IntentPath(string key) => Path.Combine(layout.PendingRoot, key + IntentSuffix);

    private string ReadyPath(string key) => Path.Combine(layout.PendingRoot, key + ReadySuffix);
}
