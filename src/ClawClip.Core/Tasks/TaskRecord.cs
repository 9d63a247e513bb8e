using ClawClip.Core.Agents;
using ClawClip.Core.Budgets;

namespace ClawClip.Core.Tasks;

/// <summary>
/// A task: its definition and its history. Status, attempt, holder and lease are not stored apart from
/// the history but read off it, so a task as of any earlier event is its history cut short — which is how
/// a lineage commit lost to a power cut is written again exactly.
/// </summary>
public sealed record TaskRecord
{
    private TaskRecord(TaskId id, TaskDefinition definition, IReadOnlyList<TaskEvent> history)
    {
        Id = id;
        Definition = definition;
        History = history;
    }

    public TaskId Id { get; }

    public TaskDefinition Definition { get; }

    /// <summary>Every event, oldest first. Never empty: the first is the submission.</summary>
    public IReadOnlyList<TaskEvent> History { get; }

    public TaskState Status => History[^1].To;

    /// <summary>How many times the task has been claimed.</summary>
    public int Attempt => History[^1].Attempt;

    /// <summary>The agent holding the task under a lease, while its status is a held one.</summary>
    public string? Holder => Status.IsHeld() ? LastClaim()?.Actor : null;

    /// <summary>The last claim of the task, whatever its status now (who held it last, at which tier); null before the first.</summary>
    public TaskEvent? LastClaim() => History.LastOrDefault(e => e.To == TaskState.Claimed);

    /// <summary>The current lease, while the task is held.</summary>
    public Lease? Lease => Status.IsHeld() ? History.LastOrDefault(e => e.Lease is not null)?.Lease : null;

    /// <summary>The last move of the task, skipping the annotations made since.</summary>
    public TaskEvent LastTransition => History.Last(e => e.Kind == TaskEventKind.Transition);

    /// <summary>
    /// The lowest tier that may claim the task: set by the last escalation that reserved it for a higher tier than
    /// its holder's, and kept for the rest of the task's life (work escalated once does not go back down). Null: any.
    /// </summary>
    public Tier? MinTier => History.LastOrDefault(e => e.MinTier is not null)?.MinTier;

    public static TaskRecord Submit(TaskId id, TaskDefinition definition, string actor, string reason, string policy, DateTimeOffset at)
    {
        var created = new TaskEvent(null, TaskState.Backlog, actor, reason, policy, null, 0, null, at, null);
        return new TaskRecord(id, definition.Validated(), [created]);
    }

    /// <summary>
    /// Rebuilds a task from stored parts, checking that the history is a legal walk through the state
    /// machine. Throws <see cref="InvalidDataException"/> describing the first broken step.
    /// </summary>
    public static TaskRecord Restore(TaskId id, TaskDefinition definition, IReadOnlyList<TaskEvent> history)
    {
        if (history.Count == 0)
        {
            throw new InvalidDataException("history is empty: the first event must be the submission (to backlog)");
        }

        if (history[0].From is not null || history[0].To != TaskState.Backlog)
        {
            throw new InvalidDataException("history[0] must be the submission: from null to backlog");
        }

        if (history[0].Kind != TaskEventKind.Transition)
        {
            throw new InvalidDataException("history[0] must be the submission, not an annotation");
        }

        for (var i = 1; i < history.Count; i++)
        {
            var (previous, current) = (history[i - 1], history[i]);
            if (current.Kind == TaskEventKind.Annotation)
            {
                if (current.From != previous.To || current.To != previous.To)
                {
                    throw new InvalidDataException(
                        $"history[{i}] is an annotation, which leaves the task where it is, but it says {current.From?.Name() ?? "null"} → {current.To.Name()} while the task was {previous.To.Name()}");
                }

                continue;
            }

            if (current.From != previous.To)
            {
                throw new InvalidDataException(
                    $"history[{i}] starts from {current.From?.Name() ?? "null"} but the task was {previous.To.Name()}");
            }

            if (!TaskTransitions.IsAllowed(previous.To, current.To))
            {
                throw new InvalidDataException(
                    $"history[{i}] moves {previous.To.Name()} → {current.To.Name()}, which is not an allowed transition");
            }
        }

        return new TaskRecord(id, definition, history);
    }

    /// <summary>Takes the task from the backlog for <paramref name="agent"/>, starting a new attempt under a lease.</summary>
    public TaskRecord Claim(AgentId agent, Tier tier, DateTimeOffset now, TimeSpan leaseLength, string reason, string policy)
    {
        TaskTransitions.Ensure(Id, Status, TaskState.Claimed);
        var lease = new Lease(now, now + leaseLength);
        return Append(new TaskEvent(Status, TaskState.Claimed, agent.Value, reason, policy, tier, Attempt + 1, null, now, lease));
    }

    /// <summary>
    /// Moves the task to <paramref name="to"/>. A move into a held status renews the lease by
    /// <paramref name="leaseLength"/> (required then); any other move ends the lease. When the step ran an
    /// agent, <paramref name="run"/> records its turns and session on the event. <paramref name="minTier"/> reserves
    /// the task for that tier and above from now on (an escalation).
    /// </summary>
    public TaskRecord MoveTo(
        TaskState to,
        string actor,
        Tier? tier,
        string reason,
        string policy,
        DateTimeOffset now,
        decimal? costUsd = null,
        TimeSpan? leaseLength = null,
        AgentRunFacts? run = null,
        Tier? minTier = null,
        string? commit = null)
    {
        if (to == TaskState.Claimed)
        {
            throw new ArgumentException("use Claim to claim a task: a claim starts a new attempt under a lease", nameof(to));
        }

        TaskTransitions.Ensure(Id, Status, to);
        if (costUsd < 0)
        {
            throw new ArgumentException($"a cost cannot be negative ({costUsd} USD)", nameof(costUsd));
        }

        Lease? lease = null;
        if (to.IsHeld())
        {
            var length = leaseLength ?? throw new ArgumentException($"a move into {to.Name()} needs a lease length", nameof(leaseLength));
            lease = new Lease(now, now + length);
        }

        return Append(new TaskEvent(Status, to, actor, reason, policy, tier, Attempt, costUsd is { } usd ? Money.Round(usd) : null, now, lease) { Turns = run?.Turns, Session = run?.Session, Tokens = run?.Tokens, MinTier = minTier, Commit = commit });
    }

    /// <summary>
    /// Records a decision about the task that does not move it (an escalation that could only notify, a reviewer's
    /// try without a verdict): an <see cref="TaskEventKind.Annotation"/> event, from and to its current status, in the
    /// same attempt. When the decision followed an agent's run, <paramref name="costUsd"/> and <paramref name="run"/>
    /// record what it cost, like a move's; <paramref name="tier"/> is the agent's tier then.
    /// </summary>
    public TaskRecord Annotate(string actor, string reason, string policy, DateTimeOffset now, decimal? costUsd = null, AgentRunFacts? run = null, Tier? tier = null)
    {
        if (costUsd < 0)
        {
            throw new ArgumentException($"a cost cannot be negative ({costUsd} USD)", nameof(costUsd));
        }

        return Append(new TaskEvent(Status, Status, actor, reason, policy, tier, Attempt, costUsd is { } usd ? Money.Round(usd) : null, now, null)
        {
            Kind = TaskEventKind.Annotation,
            Turns = run?.Turns,
            Session = run?.Session,
            Tokens = run?.Tokens,
        });
    }

    /// <summary>The task as it was right after its first <paramref name="eventCount"/> events.</summary>
    public TaskRecord AsOf(int eventCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(eventCount, History.Count);
        return eventCount == History.Count ? this : new TaskRecord(Id, Definition, History.Take(eventCount).ToArray());
    }

    /// <summary>The sum of recorded costs over every event.</summary>
    public decimal TotalCostUsd => History.Sum(e => e.CostUsd ?? 0m);

    /// <summary>The sum of recorded tokens over every event.</summary>
    public long TotalTokens => History.Sum(e => e.Tokens ?? 0L);

    private TaskRecord Append(TaskEvent e) => new(Id, Definition, [.. History, e]);
}
