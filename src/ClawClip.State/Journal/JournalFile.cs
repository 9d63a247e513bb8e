using ClawClip.Core.Agents;
using ClawClip.Core.Lineage;
using ClawClip.Core.Tasks;

namespace ClawClip.State;

/// <summary>The on-disk form of a <see cref="JournalEntry"/> in <c>state/pending/</c>.</summary>
internal static class JournalFile
{
    public static byte[] Serialize(JournalEntry entry) => StateJson.Serialize(new EntryDto
    {
        Schema = StateJson.Schema,
        Key = entry.Key,
        GuardLock = entry.GuardLock,
        Task = entry.Task?.Value,
        EventIndex = entry.EventIndex,
        From = entry.From?.Name(),
        At = entry.Record.At,
        AuthorName = entry.Record.Author.Name,
        AuthorEmail = entry.Record.Author.Email,
        Subject = entry.Record.Subject,
        Body = entry.Record.Body,
        Trailers = [.. entry.Record.Trailers.Select(t => new TrailerDto { Key = t.Key, Value = t.Value })],
        Changes = [.. entry.Record.Changes.Select(c => new ChangeDto { Path = c.Path, Content = c.Content })],
    });

    public static JournalEntry Deserialize(ReadOnlySpan<byte> bytes, string displayPath)
    {
        var dto = StateJson.Deserialize<EntryDto>(bytes, displayPath);
        if (dto.Key is null || dto.GuardLock is null || dto.Subject is null || dto.AuthorName is null || dto.AuthorEmail is null)
        {
            throw new InvalidStateFileException(displayPath, "a pending lineage record needs key, guard_lock, subject and author");
        }

        var record = new LineageRecord(
            dto.Key,
            dto.At,
            new AgentIdentity(dto.AuthorName, dto.AuthorEmail),
            dto.Subject,
            dto.Body ?? string.Empty,
            [.. (dto.Trailers ?? []).Select(t => new Trailer(t.Key ?? string.Empty, t.Value ?? string.Empty))],
            [.. (dto.Changes ?? []).Select(c => new StateChange(c.Path ?? string.Empty, c.Content))]);
        try
        {
            return new JournalEntry(
                dto.Key,
                dto.GuardLock,
                dto.Task is null ? null : TaskId.Parse(dto.Task),
                dto.EventIndex,
                dto.From is null ? null : TaskStateNames.Parse(dto.From),
                record);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidStateFileException(displayPath, e.Message, e);
        }
    }

    internal sealed class EntryDto
    {
        public int Schema { get; set; }

        public string? Key { get; set; }

        public string? GuardLock { get; set; }

        public string? Task { get; set; }

        public int? EventIndex { get; set; }

        public string? From { get; set; }

        public DateTimeOffset At { get; set; }

        public string? AuthorName { get; set; }

        public string? AuthorEmail { get; set; }

        public string? Subject { get; set; }

        public string? Body { get; set; }

        public List<TrailerDto>? Trailers { get; set; }

        public List<ChangeDto>? Changes { get; set; }
    }

    internal sealed class TrailerDto
    {
        public string? Key { get; set; }

        public string? Value { get; set; }
    }

    internal sealed class ChangeDto
    {
        public string? Path { get; set; }

        public string? Content { get; set; }
    }
}
