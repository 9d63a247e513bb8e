namespace ClawClip.Core.Goals;

/// <summary>ROADMAP.md could not be turned into goals; <see cref="Message"/> names the file and what is wrong.</summary>
/// <remarks>
/// A problem is an expected outcome (a person edits the file by hand), so it is a value, never an exception.
/// </remarks>
public sealed record RoadmapProblem : RoadmapReadResult
{
    public RoadmapProblem(string sourceName, RoadmapProblemKind kind, string message, int? line = null, long? byteOffset = null)
        : base(sourceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        Kind = kind;
        Message = message;
        Line = line;
        ByteOffset = byteOffset;
    }

    public RoadmapProblemKind Kind { get; }

    /// <summary>One sentence for a person, starting with the file's name.</summary>
    public string Message { get; }

    /// <summary>The 1-based line the problem is on, when it has one.</summary>
    public int? Line { get; }

    /// <summary>The 0-based byte offset of a bad byte (NUL or not UTF-8), counted from the start of the file.</summary>
    public long? ByteOffset { get; }
}
