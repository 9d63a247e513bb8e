using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>
/// The per-agent files, schema 1: <c>current-task.json</c>, <c>context-snapshot.json</c>, <c>outbox.json</c>
/// (documented by the JSON Schemas in <c>schemas/</c>).
/// </summary>
internal static class AgentFile
{
    public delegate T Parser<out T>(ReadOnlySpan<byte> bytes, string displayPath, AgentId agent);

    /// <summary>
    /// An agent's file as written, or its empty form when the agent has not written one yet, or when the file cannot
    /// be read: then it is quarantined (under the agent's lock: now if it is free or <paramref name="lockHeld"/>).
    /// </summary>
    public static T ReadOrEmpty<T>(StateLayout layout, StateQuarantine quarantine, string path, AgentId agent, Parser<T> parse, Func<AgentId, DateTimeOffset, T> empty, bool lockHeld)
    {
        var display = layout.Display(path);
        try
        {
            return StateEntry.ReadFile(path, display) is { } bytes ? parse(bytes, display, agent) : empty(agent, DateTimeOffset.MinValue);
        }
        catch (InvalidStateFileException e)
        {
            quarantine.AgentFile(path, agent, e.Problem, lockHeld, parse);
            return empty(agent, DateTimeOffset.MinValue);
        }
    }

    public static byte[] Serialize(CurrentTask current) => StateJson.Serialize(new CurrentTaskDto
    {
        Schema = StateJson.Schema,
        Agent = current.Agent.Value,
        Task = current.Task?.Value,
        Status = current.Status?.Name(),
        Attempt = current.Attempt,
        Lease = current.Lease is { } lease ? new TaskFile.LeaseDto { ClaimedAt = lease.ClaimedAt, ExpiresAt = lease.ExpiresAt } : null,
        Worktree = current.Worktree,
        UpdatedAt = current.UpdatedAt,
    });

    public static CurrentTask ReadCurrentTask(ReadOnlySpan<byte> bytes, string displayPath, AgentId agent)
    {
        var dto = StateJson.Deserialize<CurrentTaskDto>(bytes, displayPath);
        return Checked(displayPath, agent, dto.Agent, () => new CurrentTask(
            agent,
            dto.Task is null ? null : TaskId.Parse(dto.Task),
            dto.Status is null ? null : TaskStateNames.Parse(dto.Status),
            dto.Attempt,
            dto.Lease is null ? null : new Lease(dto.Lease.ClaimedAt, dto.Lease.ExpiresAt),
            dto.Worktree,
            dto.UpdatedAt));
    }

    public static byte[] Serialize(ContextSnapshot snapshot) => StateJson.Serialize(new SnapshotDto
    {
        Schema = StateJson.Schema,
        Agent = snapshot.Agent.Value,
        Task = snapshot.Task?.Value,
        SessionId = snapshot.SessionId,
        Summary = snapshot.Summary,
        FilesTouched = [.. snapshot.FilesTouched],
        QaComments = [.. snapshot.QaComments.Select(c => new CommentDto { File = c.File, Line = c.Line, Comment = c.Comment })],
        UpdatedAt = snapshot.UpdatedAt,
    });

    public static ContextSnapshot ReadSnapshot(ReadOnlySpan<byte> bytes, string displayPath, AgentId agent)
    {
        var dto = StateJson.Deserialize<SnapshotDto>(bytes, displayPath);
        return Checked(displayPath, agent, dto.Agent, () => new ContextSnapshot(
            agent,
            dto.Task is null ? null : TaskId.Parse(dto.Task),
            dto.SessionId,
            dto.Summary ?? string.Empty,
            dto.FilesTouched ?? [],
            [.. (dto.QaComments ?? []).Select(c => new ReviewComment(c.File ?? string.Empty, c.Line, c.Comment ?? string.Empty))],
            dto.UpdatedAt));
    }

    public static byte[] Serialize(Outbox outbox) => StateJson.Serialize(new OutboxDto
    {
        Schema = StateJson.Schema,
        Agent = outbox.Agent.Value,
        Task = outbox.Task?.Value,
        Result = outbox.Result,
        FollowUps = [.. outbox.FollowUps.Select(f => new FollowUpDto { Title = f.Title, Spec = f.Spec })],
        Questions = [.. outbox.Questions],
        UpdatedAt = outbox.UpdatedAt,
    });

    public static Outbox ReadOutbox(ReadOnlySpan<byte> bytes, string displayPath, AgentId agent)
    {
        var dto = StateJson.Deserialize<OutboxDto>(bytes, displayPath);
        return Checked(displayPath, agent, dto.Agent, () => new Outbox(
            agent,
            dto.Task is null ? null : TaskId.Parse(dto.Task),
            dto.Result,
            [.. (dto.FollowUps ?? []).Select(f => new FollowUp(f.Title ?? string.Empty, f.Spec ?? string.Empty))],
            dto.Questions ?? [],
            dto.UpdatedAt));
    }

    private static T Checked<T>(string displayPath, AgentId agent, string? named, Func<T> build)
    {
        if (named != agent.Value)
        {
            throw new InvalidStateFileException(displayPath, $"\"agent\" is '{named}' but the file belongs to {agent}");
        }

        try
        {
            return build();
        }
        catch (FormatException e)
        {
            throw new InvalidStateFileException(displayPath, e.Message, e);
        }
    }

    internal sealed class CurrentTaskDto
    {
        public int Schema { get; set; }

        public string? Agent { get; set; }

        public string? Task { get; set; }

        public string? Status { get; set; }

        public int Attempt { get; set; }

        public TaskFile.LeaseDto? Lease { get; set; }

        public string? Worktree { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }
    }

    internal sealed class SnapshotDto
    {
        public int Schema { get; set; }

        public string? Agent { get; set; }

        public string? Task { get; set; }

        public string? SessionId { get; set; }

        public string? Summary { get; set; }

        public List<string>? FilesTouched { get; set; }

        public List<CommentDto>? QaComments { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }
    }

    internal sealed class CommentDto
    {
        public string? File { get; set; }

        public int Line { get; set; }

        public string? Comment { get; set; }
    }

    internal sealed class OutboxDto
    {
        public int Schema { get; set; }

        public string? Agent { get; set; }

        public string? Task { get; set; }

        public string? Result { get; set; }

        public List<FollowUpDto>? FollowUps { get; set; }

        public List<string>? Questions { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }
    }

    internal sealed class FollowUpDto
    {
        public string? Title { get; set; }

        public string? Spec { get; set; }
    }
}
