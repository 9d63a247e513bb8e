using System.Text;

namespace ClawClip.Git;

/// <summary>
/// Files as committed at the tip of a branch, read with git's plumbing (<c>ls-tree</c>, <c>cat-file --batch</c>) and
/// never from a working copy: what the daemon takes as the person's configuration (<c>clawclip.yaml</c>,
/// <c>agents/</c> and the prompts they name). Anyone who can write the checkout, an agent included, can change its
/// files; only a commit on the target branch changes these. Every read is from the one commit found by
/// <see cref="OpenAsync"/>, so what is read together is of one moment even while the branch moves.
/// </summary>
public sealed class GitCommittedFiles
{
    private const string SymbolicLinkMode = "120000";
    private const string SubmoduleMode = "160000";

    // Paths are paths, never patterns: a prompt file named "*.md" reads that one file.
    private static readonly Dictionary<string, string> LiteralPaths = new(StringComparer.Ordinal) { ["GIT_LITERAL_PATHSPECS"] = "1" };

    private readonly GitCli git;

    private GitCommittedFiles(GitCli git, string branch, string commit)
    {
        this.git = git;
        Branch = branch;
        Commit = commit;
    }

    /// <summary>The branch, like <c>main</c>.</summary>
    public string Branch { get; }

    /// <summary>The commit every read is from: the branch's tip when opened.</summary>
    public string Commit { get; }

    /// <summary>The branch's tip, or null when the branch has no commit (a new repository, a mistyped name).</summary>
    public static async Task<GitCommittedFiles?> OpenAsync(GitCli git, string branch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(git);
        var head = await git.RunAsync(["rev-parse", "--verify", "--quiet", $"refs/heads/{branch}^{{commit}}"], null, cancellationToken).ConfigureAwait(false);
        return head.ExitCode == 0 ? new GitCommittedFiles(git, branch, head.StandardOutput.Trim()) : null;
    }

    /// <summary>How messages name a committed file: <c>main:clawclip.yaml</c>, as <c>git show</c> takes it.</summary>
    public string Name(string path) => $"{Branch}:{Normalize(path)}";

    /// <summary>The bytes of one committed file, or null when the commit has none at <paramref name="path"/>.</summary>
    /// <exception cref="CommittedFileException">The path is a folder, a symbolic link or a submodule.</exception>
    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken) =>
        (await ReadAllAsync([path], cancellationToken).ConfigureAwait(false)).GetValueOrDefault(path);

    /// <summary>
    /// The bytes of each committed file of <paramref name="paths"/> (relative to the repository's root, <c>/</c>
    /// between folders), keyed by the path as given; a path the commit does not hold is left out. Two git processes
    /// however many files.
    /// </summary>
    /// <exception cref="CommittedFileException">A path is a folder, a symbolic link or a submodule.</exception>
    public async Task<IReadOnlyDictionary<string, byte[]>> ReadAllAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (paths.Count == 0)
        {
            return files;
        }

        var asked = paths.Distinct(StringComparer.Ordinal).GroupBy(Normalize, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        string[] listing = ["ls-tree", "-z", "--full-tree", Commit, "--", .. asked.Keys];
        var entries = Entries(await OutputAsync(listing, cancellationToken).ConfigureAwait(false))
            .Where(e => asked.ContainsKey(e.Path))
            .ToList();
        foreach (var entry in entries)
        {
            var problem = entry.Mode switch
            {
                SymbolicLinkMode => "is a symbolic link; commit the file itself, since claw.clip reads only what the branch holds",
                SubmoduleMode => "is a submodule; commit the file itself",
                _ when entry.Type != "blob" => "is a folder, not a file",
                _ => null,
            };
            if (problem is not null)
            {
                throw new CommittedFileException(Name(entry.Path), problem);
            }
        }

        var contents = await BlobsAsync(entries.Select(e => e.Id).ToList(), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var given in asked[entries[i].Path])
            {
                files[given] = contents[i];
            }
        }

        return files;
    }

    /// <summary>
    /// The names of the files directly in <paramref name="folder"/> (not in its subfolders; symbolic links included, so
    /// that reading one fails with its name), ordered; null when the commit holds no such folder.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ListAsync(string folder, CancellationToken cancellationToken)
    {
        string[] listing = ["ls-tree", "-z", $"{Commit}:{Normalize(folder)}"];
        var result = await git.RunAsync(listing, null, LiteralPaths, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            return null; // no such path in the commit, or not a folder: either way no folder of files to read
        }

        return Entries(result.StandardOutput).Where(e => e.Type == "blob").Select(e => e.Path).Order(StringComparer.Ordinal).ToList();
    }

    // "a/./b//c" is "a/b/c" to git; ".." would leave the tree, so it is no path of the commit's.
    private static string Normalize(string path)
    {
        var segments = path.Split('/').Where(s => s.Length > 0 && s != ".").ToArray();
        return segments.Length == 0 || segments.Contains("..") || path.Contains('\0', StringComparison.Ordinal)
            ? throw new ArgumentException($"'{path}' is not a path inside the repository", nameof(path))
            : string.Join('/', segments);
    }

    private async Task<string> OutputAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(arguments, null, LiteralPaths, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput : throw new GitCommandException(arguments, result.ExitCode, result.StandardError);
    }

    // "<mode> <type> <id>\t<path>\0" for each entry.
    private static IEnumerable<(string Mode, string Type, string Id, string Path)> Entries(string output)
    {
        foreach (var line in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var fields = line[..tab].Split(' ');
            yield return (fields[0], fields[1], fields[2], line[(tab + 1)..]);
        }
    }

    // One cat-file --batch for every blob: "<id> blob <size>\n<bytes>\n" each, in the order asked.
    private async Task<List<byte[]>> BlobsAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var blobs = new List<byte[]>(ids.Count);
        if (ids.Count == 0)
        {
            return blobs;
        }

        string[] batch = ["cat-file", "--batch"];
        var result = await git.RunAsync(batch, Encoding.ASCII.GetBytes(string.Join('\n', ids) + "\n"), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.StandardOutputTruncated)
        {
            throw new GitCommandException(batch, result.ExitCode, result.StandardOutputTruncated ? "the files are bigger than git's output may be" : result.StandardError);
        }

        var output = result.RawStandardOutput.Span;
        var at = 0;
        foreach (var id in ids)
        {
            var end = output[at..].IndexOf((byte)'\n') + at;
            var header = Encoding.ASCII.GetString(output[at..end]).Split(' ');
            if (header.Length != 3 || header[0] != id || header[1] != "blob" || !int.TryParse(header[2], System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                throw new GitCommandException(batch, 0, $"cat-file answered '{string.Join(' ', header)}' for {id}");
            }

            blobs.Add(output.Slice(end + 1, size).ToArray());
            at = end + 1 + size + 1;
        }

        return blobs;
    }
}
