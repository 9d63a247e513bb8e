namespace ClawClip.State;

/// <summary><c>state/quarantine/&lt;id&gt;.json</c>, schema 1: where a quarantined entry came from, when, and why.</summary>
internal static class QuarantineNoteFile
{
    public static byte[] Serialize(QuarantinedFile file) => StateJson.Serialize(new NoteDto
    {
        Schema = StateJson.Schema,
        Origin = file.Origin,
        Path = file.Path,
        Kind = file.Kind,
        At = file.At,
        Problem = file.Problem,
    });

    public static QuarantinedFile Deserialize(ReadOnlySpan<byte> bytes, string displayPath)
    {
        var dto = StateJson.Deserialize<NoteDto>(bytes, displayPath);
        if (dto.Origin is null || dto.Path is null || dto.Kind is null || dto.Problem is null)
        {
            throw new InvalidStateFileException(displayPath, "a quarantine note needs origin, path, kind and problem");
        }

        return new QuarantinedFile(dto.Origin, dto.Path, dto.Kind, dto.At, dto.Problem);
    }

    internal sealed class NoteDto
    {
        public int Schema { get; set; }

        public string? Origin { get; set; }

        public string? Path { get; set; }

        public string? Kind { get; set; }

        public DateTimeOffset At { get; set; }

        public string? Problem { get; set; }
    }
}
