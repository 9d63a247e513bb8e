using System.Globalization;
using System.Text;
using ClawClip.Core.Agents;
using ClawClip.Core.Lineage;

namespace ClawClip.Git;

/// <summary>
/// The lineage branch written with git plumbing and nothing else: no worktree, no index, no checkout.
/// A batch of records becomes one <c>git fast-import</c> stream (one commit per record, each tree its
/// parent's plus that record's changes) on a scratch ref, then one <c>git update-ref --stdin</c>
/// transaction moves the branch from the expected tip to the new one — compare-and-swap — and deletes
/// the scratch ref. Three git processes per batch, however many records it holds.
/// </summary>
public sealed class GitLineageBranch : ILineageBranch
{
    public const string BranchRef = "refs/heads/clawclip/state";

    // Only the holder of the lineage lock appends, so one scratch ref is enough.
    private const string ScratchRef = "refs/clawclip/lineage-scratch";
    private const string ZeroId = "0000000000000000000000000000000000000000";

    // fast-import grows and trims its heap for every commit; under glibc that is one brk() pair per
    // buffer, which cost 2.4 s of system time for 2,000 commits here. Padding the heap top keeps it
    // grown: the same stream took 0.13 s. Other C libraries ignore the variable.
    private static readonly Dictionary<string, string> FastImportEnvironment = new(StringComparer.Ordinal)
    {
        ["MALLOC_TOP_PAD_"] = "67108864",
    };

    // Appends between two `git gc --auto` checks. The first append of a process checks too, so the
    // command line (one append per process) keeps the repository tidy as well as the daemon does.
    private const int HousekeepingEvery = 32;

    private readonly GitCli git;
    private readonly string branchRef;
    private int appends = -1;

    public GitLineageBranch(GitCli git, string branchRef = BranchRef)
    {
        this.git = git;
        this.branchRef = branchRef;
    }

    public string RepositoryRoot => git.RepositoryRoot;

    /// <summary>
    /// Trailers every commit written here carries after its record's own: <c>Sandbox: off</c> while a person's
    /// <c>sandbox: off</c> lets agents run unconfined, so the log says of each decision how it was made. Records
    /// stay as they were decided; the mark is of the writer, and so also reaches what recovery commits.
    /// </summary>
    public IReadOnlyList<Trailer> CommonTrailers { get; init; } = [];

    /// <summary>Who commits every lineage commit; the author is the agent that decided.</summary>
    public static AgentIdentity Committer => AgentIdentity.ClawClip;

    /// <inheritdoc />
    public async Task<string?> TipAsync(CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(["rev-parse", "--verify", "--quiet", branchRef + "^{commit}"], null, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(string? expectedTip, IReadOnlyList<LineageRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return new AppendResult.Appended(expectedTip ?? throw new ArgumentException("nothing to append to an empty branch", nameof(records)));
        }

        var stream = FastImportStream(expectedTip, records, CommonTrailers);
        string[] importArgs = ["fast-import", "--quiet", "--done", "--force", "--date-format=raw"];
        var import = await git.RunAsync(importArgs, stream, FastImportEnvironment, cancellationToken).ConfigureAwait(false);
        if (import.ExitCode != 0)
        {
            throw new GitCommandException(importArgs, import.ExitCode, import.StandardError);
        }

        var newTip = import.StandardOutput.Trim();
        if (newTip.Length != 40)
        {
            throw new GitCommandException(importArgs, 0, $"fast-import did not report the new commit (got '{newTip}')");
        }

        var transaction = Encoding.UTF8.GetBytes(
            $"start\nupdate {branchRef} {newTip} {expectedTip ?? ZeroId}\ndelete {ScratchRef}\nprepare\ncommit\n");
        var moved = await git.RunAsync(["update-ref", "--stdin"], transaction, cancellationToken).ConfigureAwait(false);
        if (moved.ExitCode == 0)
        {
            await HousekeepingAsync(cancellationToken).ConfigureAwait(false);
            return new AppendResult.Appended(newTip);
        }

        var actual = await TipAsync(cancellationToken).ConfigureAwait(false);
        if (actual != expectedTip)
        {
            return new AppendResult.TipMoved(actual);
        }

        throw new GitCommandException(["update-ref", "--stdin"], moved.ExitCode, moved.StandardError);
    }

    /// <summary>
    /// Every append leaves a pack (or loose objects); left alone, thousands of them would slow every
    /// lookup as the history grows. Like git's own commands after they write, ask now and then whether
    /// housekeeping is due: <c>git gc --auto</c> returns at once when it is not.
    /// </summary>
    private async Task HousekeepingAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref appends) % HousekeepingEvery != 0)
        {
            return;
        }

        var result = await git.RunAsync(["gc", "--auto", "--quiet"], null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new GitCommandException(["gc", "--auto", "--quiet"], result.ExitCode, result.StandardError);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> ListFilesAsync(string commit, CancellationToken cancellationToken)
    {
        var output = await git.OutputAsync(["ls-tree", "-r", "-z", "--full-tree", commit], cancellationToken).ConfigureAwait(false);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> <type> <id>\t<path>"
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var fields = line[..tab].Split(' ');
            files[line[(tab + 1)..]] = fields[2];
        }

        return files;
    }

    /// <inheritdoc />
    public async Task<string?> ReadFileAsync(string commit, string path, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(["cat-file", "blob", $"{commit}:{path}"], null, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }

    private static byte[] FastImportStream(string? expectedTip, IReadOnlyList<LineageRecord> records, IReadOnlyList<Trailer> common)
    {
        var stream = new MemoryStream();
        var committer = Committer;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var when = record.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + " +0000";
            Line(stream, $"commit {ScratchRef}");
            Line(stream, $"mark :{i + 1}");
            Line(stream, $"author {Ident(record.Author)} {when}");
            Line(stream, $"committer {Ident(committer)} {when}");
            Data(stream, (common.Count == 0 ? record : record with { Trailers = [.. record.Trailers, .. common] }).Message());
            if (i == 0 && expectedTip is not null)
            {
                Line(stream, $"from {expectedTip}");
            }

            foreach (var change in record.Changes)
            {
                var path = CheckPath(change.Path);
                if (change.Content is null)
                {
                    Line(stream, $"D {path}");
                }
                else
                {
                    Line(stream, $"M 100644 inline {path}");
                    Data(stream, change.Content);
                }
            }

            Line(stream, string.Empty);
        }

        Line(stream, $"get-mark :{records.Count}");
        Line(stream, "done");
        return stream.ToArray();
    }

    private static string Ident(AgentIdentity who) => $"{Clean(who.Name)} <{Clean(who.Email)}>";

    private static string Clean(string text) => text.Replace("<", string.Empty, StringComparison.Ordinal).Replace(">", string.Empty, StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string CheckPath(string path) =>
        path.Length == 0 || path.StartsWith('/') || path.StartsWith('"') || path.Contains('\n', StringComparison.Ordinal) || path.Contains("..", StringComparison.Ordinal)
            ? throw new ArgumentException($"'{path}' is not a path the lineage can record", nameof(path))
            : path;

    private static void Line(MemoryStream stream, string text)
    {
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.WriteByte((byte)'\n');
    }

    private static void Data(MemoryStream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Line(stream, "data " + bytes.Length.ToString(CultureInfo.InvariantCulture));
        stream.Write(bytes);
        stream.WriteByte((byte)'\n');
    }
}
