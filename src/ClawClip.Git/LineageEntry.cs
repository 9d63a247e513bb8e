namespace ClawClip.Git;

/// <summary>One commit of the lineage branch as <c>clawclip log</c> shows it.</summary>
public sealed record LineageEntry(
    string Commit,
    string Author,
    DateTimeOffset At,
    string Subject,
    string Body,
    IReadOnlyList<KeyValuePair<string, string>> Trailers)
{
    public string? Trailer(string key) => Trailers.FirstOrDefault(t => t.Key == key).Value;
}
