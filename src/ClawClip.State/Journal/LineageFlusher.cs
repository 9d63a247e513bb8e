using System.Text.Json;
using ClawClip.Core.Lineage;
using ClawClip.Core.State;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// Group commit: whoever holds the lineage lock writes every ready record, in order, one commit each, in
/// as few git processes as it can, moves the branch by compare-and-swap, and only then drops the records.
/// A process that finds the lock taken leaves its records for the holder, who looks again after letting go; one that
/// must see its records on the branch (before it sends an alert) waits for them.
/// </summary>
internal sealed class LineageFlusher
{
    private const int MaxTipRetries = 5;

    // A holder writes a batch with one fast-import (tens of milliseconds here): looking this often costs little.
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(25);

    private readonly StateLayout layout;
    private readonly LineageJournal journal;
    private readonly StateRecovery recovery;
    private readonly ILineageBranch branch;
    private readonly StateStoreOptions options;

    public LineageFlusher(StateLayout layout, LineageJournal journal, StateRecovery recovery, ILineageBranch branch, StateStoreOptions options)
    {
        this.layout = layout;
        this.journal = journal;
        this.recovery = recovery;
        this.branch = branch;
        this.options = options;
    }

    /// <summary>Commits what is ready, or leaves it to the process holding the lock (then says so).</summary>
    public async Task<FlushResult> FlushAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        while (true)
        {
            using (var held = FileLock.TryAcquire(layout.LineageLockPath))
            {
                if (held is null)
                {
                    return new FlushResult(written, LeftToHolder: true); // it looks again after letting go
                }

                written += await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
            }

            // A record made ready while we held the lock found it taken and was left to us.
            if (!journal.HasReady())
            {
                return new FlushResult(written, LeftToHolder: false);
            }
        }
    }

    /// <summary>
    /// Commits what is ready now and returns once every one of those records is gone from <c>state/pending/</c>
    /// (committed, by this call or by the holder of the lock). Polls on <paramref name="time"/> up to the lock timeout.
    /// </summary>
    public async Task FlushAndWaitAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        var waiting = journal.ReadyKeys();
        var deadline = time.GetUtcNow() + options.LockTimeout;
        while (true)
        {
            var flushed = await FlushAsync(cancellationToken).ConfigureAwait(false);
            waiting = [.. waiting.Where(journal.IsReady)];
            if (waiting.Count == 0)
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                var who = flushed.LeftToHolder ? $"the process holding {layout.Display(layout.LineageLockPath)} has not committed them" : "they were left out of every batch";
                throw new TimeoutException($"{waiting.Count} lineage record(s) in {layout.Display(layout.PendingRoot)} (first {waiting[0]}) were still waiting after {options.LockTimeout.TotalSeconds:0} s: {who}");
            }

            await Task.Delay(PollEvery, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> FlushLockedAsync(CancellationToken cancellationToken)
    {
        // The last holder noted the tip it wrote, which saves asking git. If anything else moved the
        // branch since, the compare-and-swap says so and we build on the actual tip.
        var interrupted = File.Exists(journal.FlushMarkerPath);
        var tip = interrupted ? null : journal.ReadKnownTip();
        tip ??= await branch.TipAsync(cancellationToken).ConfigureAwait(false);
        if (interrupted)
        {
            FinishInterruptedFlush(tip);
        }

        var inProgress = await recovery.RecoverIntentsAsync(cancellationToken).ConfigureAwait(false);

        var written = 0;
        var retries = 0;
        while (true)
        {
            var batch = Order(journal.ReadReady(), inProgress).Take(options.MaxRecordsPerCommitBatch).ToList();
            if (batch.Count == 0)
            {
                return written;
            }

            WriteMarker(tip, batch);
            options.Observer.At(TransitionStep.BeforeLineageCommit, batch[^1].Record.Subject);
            var result = await branch.AppendAsync(tip, [.. batch.Select(e => e.Record)], cancellationToken).ConfigureAwait(false);
            switch (result)
            {
                case AppendResult.Appended appended:
                    options.Observer.At(TransitionStep.AfterLineageCommit, batch[^1].Record.Subject);
                    foreach (var entry in batch)
                    {
                        journal.Discard(entry.Key);
                    }

                    File.Delete(journal.FlushMarkerPath);
                    tip = appended.Tip;
                    journal.WriteKnownTip(tip);
                    written += batch.Count;
                    break;

                case AppendResult.TipMoved moved:
                    // Only lock holders write the branch, so this is a writer from outside claw.clip. Build on top.
                    File.Delete(journal.FlushMarkerPath);
                    if (++retries > MaxTipRetries)
                    {
                        throw new IOException($"the branch clawclip/state keeps moving under the lineage lock (now at {moved.ActualTip}); is something else writing it?");
                    }

                    tip = moved.ActualTip;
                    break;
            }
        }
    }

    /// <summary>
    /// A marker left by a holder that died while appending. If the branch moved since the marker was
    /// written, the holder's batch landed and its records must not be committed twice.
    /// </summary>
    private void FinishInterruptedFlush(string? tip)
    {
        if (!File.Exists(journal.FlushMarkerPath))
        {
            return;
        }

        var marker = JsonSerializer.Deserialize<Marker>(File.ReadAllBytes(journal.FlushMarkerPath), StateJson.Options);
        if (marker is not null && marker.OldTip != tip)
        {
            foreach (var key in marker.Keys ?? [])
            {
                journal.Discard(key);
            }
        }

        File.Delete(journal.FlushMarkerPath);
    }

    private void WriteMarker(string? tip, List<JournalEntry> batch)
    {
        var marker = new Marker { OldTip = tip, Keys = [.. batch.Select(e => e.Key)] };
        AtomicFile.Write(journal.FlushMarkerPath, JsonSerializer.SerializeToUtf8Bytes(marker, StateJson.Options));
    }

    /// <summary>
    /// Records in key order (time first), except that one task's records always go in event order, and none
    /// goes before an earlier transition of the same task that is still in progress elsewhere.
    /// </summary>
    internal static IEnumerable<JournalEntry> Order(IReadOnlyList<JournalEntry> ready, IReadOnlyDictionary<TaskId, int> inProgress)
    {
        var eligible = ready
            .Where(e => e.Task is not { } task || !inProgress.TryGetValue(task, out var first) || e.EventIndex < first)
            .ToList();

        // Put each task's records, in event order, into the slots its records occupy in key order.
        var byTask = eligible
            .Where(e => e.Task is not null)
            .GroupBy(e => e.Task!.Value)
            .ToDictionary(g => g.Key, g => new Queue<JournalEntry>(g.OrderBy(e => e.EventIndex)));
        foreach (var entry in eligible)
        {
            yield return entry.Task is { } task ? byTask[task].Dequeue() : entry;
        }
    }

    private sealed class Marker
    {
        public string? OldTip { get; set; }

        public List<string>? Keys { get; set; }
    }
}
