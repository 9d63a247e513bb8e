using System.Text;
using ClawClip.Core.Protection;

namespace ClawClip.Git;

/// <summary>
/// Reads what a range of commits lands, from the commits themselves (never a working copy an agent could have
/// arranged): every path each commit adds, changes or deletes, with its mode and, for a symlink, its target; and the
/// symlinks of the tree before and after. <c>diff-tree -c</c> shows a merge only where its result differs from every
/// parent, so a dev's merge of the target brings in none of the target's own paths, only what the merge itself made.
/// </summary>
internal sealed class LandingInspection
{
    private readonly GitCli git;

    public LandingInspection(GitCli git)
    {
        this.git = git;
    }

    /// <summary>What <c>from..to</c> lands: the paths it touches, and whether <see cref="LandingGuard"/> lets it.</summary>
    public async Task<(IReadOnlyList<string> Touched, LandingRefusal? Refusal)> InspectAsync(string from, string to, CancellationToken cancellationToken)
    {
        var commits = await git.OutputAsync(["rev-list", "--reverse", $"{from}..{to}"], cancellationToken).ConfigureAwait(false);
        var diff = await git.OutputAsync(
            ["diff-tree", "--stdin", "-r", "-z", "-c", "--root", "--no-renames", "--no-abbrev"],
            cancellationToken,
            Encoding.UTF8.GetBytes(commits)).ConfigureAwait(false);
        var changes = ParseDiffTree(diff);
        var whole = await git.OutputAsync(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", from, to, "--"], cancellationToken).ConfigureAwait(false);
        var touched = changes.Select(c => c.Path).Concat(whole.Split('\0', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToArray();

        var after = await TreeLinksAsync(to, cancellationToken).ConfigureAwait(false);
        var before = await TreeLinksAsync(from, cancellationToken).ConfigureAwait(false);
        var linkTargets = await ReadBlobsAsync(changes.Where(c => c.Kind == LandedEntryKind.Symlink).Select(c => c.Object), cancellationToken).ConfigureAwait(false);
        var landed = changes.Select(c => new LandedEntry(c.Path, c.Kind, c.Kind == LandedEntryKind.Symlink ? linkTargets[c.Object] : null)).ToArray();
        return (touched, LandingGuard.Refusal(landed, after, before));
    }

    // diff-tree -z: a commit id, then per path a header (":<modes> <objects> <status>", one ':' per parent) and the path.
    private static List<Change> ParseDiffTree(string output)
    {
        var changes = new List<Change>();
        var fields = output.Split('\0');
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (!field.StartsWith(':'))
            {
                continue; // a commit id, or the empty end
            }

            var parents = field.TakeWhile(c => c == ':').Count();
            var parts = field[parents..].Split(' ');
            if (parts.Length < (2 * parents) + 3 || i + 1 >= fields.Length)
            {
                throw new GitCommandException(["diff-tree"], 0, $"cannot read the line '{field}'");
            }

            changes.Add(new Change(fields[++i], KindOf(parts[parents]), parts[(2 * parents) + 1]));
        }

        return changes;
    }

    private static LandedEntryKind KindOf(string mode) => mode switch
    {
        "000000" => LandedEntryKind.Deleted,
        "100755" => LandedEntryKind.Executable,
        "120000" => LandedEntryKind.Symlink,
        "160000" => LandedEntryKind.Submodule,
        _ => LandedEntryKind.File,
    };

    // Every symlink of the commit's tree, path → target. Keys ignore case: on a case-insensitive disk A and a are one.
    private async Task<IReadOnlyDictionary<string, string>> TreeLinksAsync(string commit, CancellationToken cancellationToken)
    {
        var listing = await git.OutputAsync(["ls-tree", "-r", "-z", "--full-tree", commit], cancellationToken).ConfigureAwait(false);
        var links = new List<(string Path, string Object)>();
        foreach (var line in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> <type> <object>\t<path>"
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && line.StartsWith("120000 ", StringComparison.Ordinal))
            {
                links.Add((line[(tab + 1)..], line[..tab].Split(' ')[2]));
            }
        }

        var targets = await ReadBlobsAsync(links.Select(l => l.Object), cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, obj) in links)
        {
            result.TryAdd(path, targets[obj]);
        }

        return result;
    }

    // One cat-file for every blob: "<object> blob <size>\n<content>\n" each, read as bytes since the sizes are.
    private async Task<IReadOnlyDictionary<string, string>> ReadBlobsAsync(IEnumerable<string> objects, CancellationToken cancellationToken)
    {
        var wanted = objects.Distinct(StringComparer.Ordinal).ToArray();
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (wanted.Length == 0)
        {
            return blobs;
        }

        var input = Encoding.UTF8.GetBytes(string.Join('\n', wanted) + "\n");
        var result = await git.RunAsync(["cat-file", "--batch"], input, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.StandardOutputTruncated)
        {
            throw new GitCommandException(["cat-file", "--batch"], result.ExitCode, result.StandardError);
        }

        var bytes = result.RawStandardOutput.Span;
        var at = 0;
        foreach (var obj in wanted)
        {
            var end = bytes[at..].IndexOf((byte)'\n') + at;
            var header = Encoding.UTF8.GetString(bytes[at..end]).Split(' ');
            if (header.Length != 3 || header[0] != obj || !int.TryParse(header[2], System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                throw new GitCommandException(["cat-file", "--batch"], 0, $"cannot read the object {obj}: '{string.Join(' ', header)}'");
            }

            blobs[obj] = Encoding.UTF8.GetString(bytes.Slice(end + 1, size));
            at = end + 1 + size + 1;
        }

        return blobs;
    }

    private sealed record Change(string Path, LandedEntryKind Kind, string Object);
}
