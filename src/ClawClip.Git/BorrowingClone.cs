using ClawClip.Processes;
using ClawClip.Processes.Sandboxing;

namespace ClawClip.Git;

/// <summary>
/// A repository of its own that borrows the repository's objects read-only (<c>objects/info/alternates</c>) and has
/// nothing else of it: no refs but the one it is given, git's minimal config, no hooks. Nothing is fetched or copied,
/// so making one costs its checkout. Task clones and the planner's copies are made this way; git in one runs confined.
/// </summary>
internal static class BorrowingClone
{
    /// <summary>The repository's object store, and the stores it borrows from itself: what a clone reads.</summary>
    public static async Task<IReadOnlyList<string>> BorrowedAsync(GitCli repository, CancellationToken cancellationToken)
    {
        var commonDir = Path.GetFullPath((await repository.OutputAsync(["rev-parse", "--git-common-dir"], cancellationToken).ConfigureAwait(false)).Trim(), repository.RepositoryRoot);
        var objects = Path.Combine(commonDir, "objects");
        var alternates = Path.Combine(objects, "info", "alternates");
        var further = File.Exists(alternates)
            ? (await File.ReadAllLinesAsync(alternates, cancellationToken).ConfigureAwait(false))
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => Path.GetFullPath(line, objects))
                .Where(Directory.Exists)
            : [];
        return [objects, .. further];
    }

    /// <summary>git in the clone at <paramref name="path"/>: inside the sandbox, the clone writable, <paramref name="borrowed"/> read-only.</summary>
    public static GitCli In(string path, IProcessRunner runner, IReadOnlyList<string> borrowed) =>
        new(path, runner, new Confinement { Writable = [path], ReadOnly = borrowed });

    /// <summary>Makes a clone in the empty folder <paramref name="path"/>, on <paramref name="branchRef"/> at <paramref name="commit"/>, checked out.</summary>
    public static async Task CreateAsync(string path, IProcessRunner runner, IReadOnlyList<string> borrowed, string branchRef, string commit, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(path);
        var inClone = In(path, runner, borrowed);

        // No template: no sample hooks, no info/exclude of the person's; the config is git's minimal one.
        await inClone.OutputAsync(["init", "--quiet", "--template=", "--initial-branch=" + branchRef["refs/heads/".Length..]], cancellationToken).ConfigureAwait(false);
        await File.WriteAllLinesAsync(Path.Combine(path, ".git", "objects", "info", "alternates"), borrowed, cancellationToken).ConfigureAwait(false);
        await inClone.OutputAsync(["update-ref", branchRef, commit], cancellationToken).ConfigureAwait(false);
        await inClone.OutputAsync(["reset", "--quiet", "--hard"], cancellationToken).ConfigureAwait(false);
    }
}
