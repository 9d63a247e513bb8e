using ClawClip.Core.Agents;
using ClawClip.Core.Goals;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// <c>state/tasks/&lt;status&gt;/&lt;shard&gt;/&lt;id&gt;.json</c>, schema 1 (documented by <c>schemas/task.schema.json</c>).
/// Status, attempt, holder and lease are written for a person to read and checked against the history
/// on the way back in; the history is the truth.
/// </summary>
internal static class TaskFile
{
    public static byte[] Serialize(TaskRecord task) => StateJson.Serialize(ToDto(task));

    /// <summary>Reads a task file, checking it is whole, of schema 1, and agrees with where it was found.</summary>
    public static TaskRecord Deserialize(ReadOnlySpan<byte> bytes, string displayPath, TaskId expectedId)
    {
        var dto = StateJson.Deserialize<TaskDto>(bytes, displayPath);
        try
        {
            return FromDto(dto, expectedId);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException)
        {
            throw new InvalidStateFileException(displayPath, e.Message, e);
        }
    }

    private static TaskDto ToDto(TaskRecord task) => new()
    {
        Schema = StateJson.Schema,
        Id = task.Id.Value,
        Title = task.Definition.Title,
        Spec = task.Definition.Spec,
        Acceptance = [.. task.Definition.Acceptance],
        Priority = task.Definition.Priority,
        Skills = [.. task.Definition.Skills],
        Goal = task.Definition.Goal?.Value,
        DependsOn = [.. task.Definition.DependsOn.Select(d => d.Value)],
        MaxAttempts = task.Definition.MaxAttempts,
        EstimateMinutes = task.Definition.EstimateMinutes,
        Status = task.Status.Name(),
        Attempt = task.Attempt,
        Holder = task.Holder,
        Lease = task.Lease is { } lease ? new LeaseDto { ClaimedAt = lease.ClaimedAt, ExpiresAt = lease.ExpiresAt } : null,
        History = [.. task.History.Select(ToDto)],
    };

    private static EventDto ToDto(TaskEvent e) => new()
    {
        From = e.From?.Name(),
        To = e.To.Name(),
        Actor = e.Actor,
        Reason = e.Reason,
        Policy = e.Policy,
        Tier = e.Tier?.Name(),
        Attempt = e.Attempt,
        CostUsd = e.CostUsd,
        Turns = e.Turns,
        Tokens = e.Tokens,
        Session = e.Session,
        At = e.At,
        Lease = e.Lease is { } lease ? new LeaseDto { ClaimedAt = lease.ClaimedAt, ExpiresAt = lease.ExpiresAt } : null,
        Kind = e.Kind == TaskEventKind.Annotation ? AnnotationKind : TransitionKind,
        MinTier = e.MinTier?.Name(),
        Commit = e.Commit,
    };

    private const string TransitionKind = "transition";
    private const string AnnotationKind = "annotation";

    private static TaskRecord FromDto(TaskDto dto, TaskId expectedId)
    {
        var id = TaskId.TryParse(Required(dto.Id, "id"), out var parsed)
            ? parsed
            : throw new InvalidDataException($"\"id\" is '{dto.Id}', which is not a task id (like T-0007)");
        if (id != expectedId)
        {
            throw new InvalidDataException($"\"id\" is {id} but the file is named for {expectedId}");
        }

        var definition = new TaskDefinition(
            Required(dto.Title, "title"),
            dto.Spec ?? string.Empty,
            dto.Acceptance ?? [],
            dto.Priority,
            dto.Skills ?? [],
            dto.Goal is null ? null : GoalId.Parse(dto.Goal),
            [.. (dto.DependsOn ?? []).Select(TaskId.Parse)],
            dto.MaxAttempts)
        {
            EstimateMinutes = dto.EstimateMinutes,
        }.Validated();

        var history = Required(dto.History, "history").Select((e, i) => FromDto(e, i)).ToArray();
        var task = TaskRecord.Restore(id, definition, history);

        // The summary fields are for people; if someone edited them by hand they no longer tell the truth.
        if (dto.Status != task.Status.Name())
        {
            throw new InvalidDataException($"\"status\" says {dto.Status ?? "nothing"} but the history ends in {task.Status.Name()}");
        }

        if (dto.Attempt != task.Attempt)
        {
            throw new InvalidDataException($"\"attempt\" says {dto.Attempt} but the history says {task.Attempt}");
        }

        return task;
    }

    private static TaskEvent FromDto(EventDto e, int index)
    {
        TaskState? from = e.From is null ? null : State(e.From, index, "from");
        var to = State(Required(e.To, $"history[{index}].to"), index, "to");
        Tier? tier = null;
        if (e.Tier is not null)
        {
            tier = TierNames.TryParse(e.Tier, out var parsed)
                ? parsed
                : throw new InvalidDataException($"history[{index}].tier '{e.Tier}' is not a tier (intern, junior, senior, principal)");
        }

        Tier? minTier = null;
        if (e.MinTier is not null)
        {
            minTier = TierNames.TryParse(e.MinTier, out var reserved)
                ? reserved
                : throw new InvalidDataException($"history[{index}].min_tier '{e.MinTier}' is not a tier (intern, junior, senior, principal)");
        }

        var kind = e.Kind switch
        {
            null or TransitionKind => TaskEventKind.Transition,
            AnnotationKind => TaskEventKind.Annotation,
            _ => throw new InvalidDataException($"history[{index}].kind '{e.Kind}' is not an event kind: leave it out for a move, or write \"transition\" or \"annotation\""),
        };

        var lease = e.Lease is null ? null : new Lease(e.Lease.ClaimedAt, e.Lease.ExpiresAt);
        return new TaskEvent(
            from,
            to,
            Required(e.Actor, $"history[{index}].actor"),
            e.Reason ?? string.Empty,
            Required(e.Policy, $"history[{index}].policy"),
            tier,
            e.Attempt,
            e.CostUsd,
            e.At,
            lease)
        {
            Turns = e.Turns is < 0 ? throw new InvalidDataException($"history[{index}].turns is {e.Turns}: a count of turns cannot be negative") : e.Turns,
            Tokens = e.Tokens is < 0 ? throw new InvalidDataException($"history[{index}].tokens is {e.Tokens}: a count of tokens cannot be negative") : e.Tokens,
            Session = e.Session,
            Kind = kind,
            MinTier = minTier,
            Commit = e.Commit is null || IsCommitId(e.Commit) ? e.Commit : throw new InvalidDataException($"history[{index}].commit '{e.Commit}' is not a commit id (40 hex digits)"),
        };
    }

    private static bool IsCommitId(string text) => text.Length == 40 && text.All(char.IsAsciiHexDigitLower);

    private static TaskState State(string name, int index, string field) =>
        TaskStateNames.TryParse(name, out var state)
            ? state
            : throw new InvalidDataException($"history[{index}].{field} '{name}' is not a task state");

    private static T Required<T>(T? value, string field)
        where T : class =>
        value ?? throw new InvalidDataException($"\"{field}\" is missing");

    internal sealed class TaskDto
    {
        public int Schema { get; set; }

        public string? Id { get; set; }

        public string? Title { get; set; }

        public string? Spec { get; set; }

        public List<string>? Acceptance { get; set; }

        public int Priority { get; set; }

        public List<string>? Skills { get; set; }

        public string? Goal { get; set; }

        public List<string>? DependsOn { get; set; }

        public int MaxAttempts { get; set; }

        /// <summary>Absent from files written before estimates existed: read as none.</summary>
        public int? EstimateMinutes { get; set; }

        public string? Status { get; set; }

        public int Attempt { get; set; }

        public string? Holder { get; set; }

        public LeaseDto? Lease { get; set; }

        public List<EventDto>? History { get; set; }
    }

    internal sealed class EventDto
    {
        public string? From { get; set; }

        public string? To { get; set; }

        public string? Actor { get; set; }

        public string? Reason { get; set; }

        public string? Policy { get; set; }

        public string? Tier { get; set; }

        public int Attempt { get; set; }

        public decimal? CostUsd { get; set; }

        public int? Turns { get; set; }

        // Absent from files written before tokens were recorded: those read as null.
        public long? Tokens { get; set; }

        public string? Session { get; set; }

        public DateTimeOffset At { get; set; }

        public LeaseDto? Lease { get; set; }

        /// <summary><c>transition</c> or <c>annotation</c>; absent from files written before annotations existed: a move.</summary>
        public string? Kind { get; set; }

        /// <summary>Set by an escalation that reserved the task for a tier; absent from files written before escalation.</summary>
        public string? MinTier { get; set; }

        /// <summary>The commit a landing put on the target; absent from files written before landings recorded it.</summary>
        public string? Commit { get; set; }
    }

    internal sealed class LeaseDto
    {
        public DateTimeOffset ClaimedAt { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
