using System.Globalization;

namespace ClawClip.Git;

/// <summary>Reads commits of the lineage branch: the newest, or those of a time window (never the whole history: it may be very long).</summary>
public sealed class LineageLog
{
    private const char Field = '\u001f';
    private const char Record = '\u001e';

    private const string Format = "--format=%H%x1f%an%x1f%aI%x1f%s%x1f%b%x1f%(trailers:only,unfold)%x1e";

    private readonly GitCli git;

    public LineageLog(GitCli git) => this.git = git;

    /// <summary>The <paramref name="newest"/> newest commits, newest first.</summary>
    public Task<IReadOnlyList<LineageEntry>> ReadAsync(int newest, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(newest, 1);
        return ReadAsync(["-n", newest.ToString(CultureInfo.InvariantCulture)], cancellationToken);
    }

    /// <summary>The commits made in [<paramref name="start"/>, <paramref name="until"/>), to the second, oldest first.</summary>
    public Task<IReadOnlyList<LineageEntry>> ReadBetweenAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken) =>
        ReadAsync(
            [
                "--reverse",
                "--since=@" + start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                "--until=@" + (until.ToUnixTimeSeconds() - 1).ToString(CultureInfo.InvariantCulture),
            ],
            cancellationToken);

    private async Task<IReadOnlyList<LineageEntry>> ReadAsync(IReadOnlyList<string> range, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(["log", GitLineageBranch.BranchRef, .. range, Format], null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            return []; // no branch yet
        }

        var entries = new List<LineageEntry>();
        foreach (var chunk in result.StandardOutput.Split(Record, StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = chunk.TrimStart('\n').Split(Field);
            if (fields.Length < 6)
            {
                continue;
            }

            var trailers = fields[5]
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(": ", 2))
                .Where(parts => parts.Length == 2)
                .Select(parts => KeyValuePair.Create(parts[0], parts[1]))
                .ToArray();
            entries.Add(new LineageEntry(fields[0], fields[1], DateTimeOffset.Parse(fields[2], CultureInfo.InvariantCulture), fields[3], BodyWithoutTrailers(fields[4], trailers.Length), trailers));
        }

        return entries;
    }

    private static string BodyWithoutTrailers(string body, int trailerCount)
    {
        var lines = body.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Take(Math.Max(0, lines.Length - trailerCount))).Trim();
    }
}
