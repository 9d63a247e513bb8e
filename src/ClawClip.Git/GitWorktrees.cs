using ClawClip.Core.Agents;
using ClawClip.Core.Tasks;
using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// A clone of its own per task, at <c>&lt;clones&gt;/&lt;id&gt;</c> outside the person's checkout: own refs, own
/// config, no hooks, and the repository's object store borrowed read-only through <c>objects/info/alternates</c>
/// (nothing is copied, so a clone costs its checkout and the objects its agent writes). The agent may do what it likes
/// in it; claw.clip takes back only <c>task/&lt;id&gt;</c>, checked (<see cref="CloneTakeBack"/>), and every git
/// command it runs in the clone runs inside the sandbox, since the clone's config is the agent's.
/// </summary>
public sealed class GitWorktrees : IWorktrees
{
    // A reviewer's prompt holds the diff; past this size it reads the files instead.
    private const int MostPatchChars = 60_000;

    /// <summary>The folder, at the repository's root, that holds claw.clip's working files (logs, the kick file).</summary>
    public const string Folder = ".clawclip";

    // Diffs computed by the daemon never run a program the repository's attributes name.
    private static readonly string[] PlainDiff = ["--no-ext-diff", "--no-textconv", "--no-color"];

    private readonly GitCli git;
    private readonly IProcessRunner runner;
    private string? commonDir;
    private IReadOnlyList<string>? borrowed;

    /// <param name="git">The repository (claw.clip's own git, unconfined).</param>
    /// <param name="clonesRoot">Where the task clones live, one folder per task id, outside the repository.</param>
    /// <param name="runner">Runs git; its sandbox confines git in the clones.</param>
    public GitWorktrees(GitCli git, string clonesRoot, IProcessRunner? runner = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clonesRoot);
        this.git = git;
        ClonesRoot = Path.GetFullPath(clonesRoot);
        this.runner = runner ?? new ProcessRunner();
    }

    /// <summary>Where the task clones live.</summary>
    public string ClonesRoot { get; }

    public static string BranchOf(TaskId task) => "task/" + task.Value;

    /// <summary>The task's clone folder (it may not exist).</summary>
    public string PathOf(TaskId task) => Path.Combine(ClonesRoot, task.Value);

    /// <inheritdoc />
    public async Task<Worktree> EnsureAsync(TaskId task, string baseRef, CancellationToken cancellationToken)
    {
        var path = PathOf(task);
        using var gate = await WorktreeGate.EnterAsync(path, cancellationToken).ConfigureAwait(false);
        await ExcludeAsync(cancellationToken).ConfigureAwait(false);
        var worktree = new Worktree(task, path, BranchOf(task)) { Borrowed = await BorrowedAsync(cancellationToken).ConfigureAwait(false) };
        var current = await ResolveAsync(TaskRefs.Branch(task), cancellationToken).ConfigureAwait(false);
        if (IsClone(path) && current is not null)
        {
            await SyncAsync(worktree, cancellationToken).ConfigureAwait(false);
            return worktree;
        }

        await DeleteFolderAsync(path, cancellationToken).ConfigureAwait(false);
        var head = current ?? await StartBranchAsync(task, baseRef, cancellationToken).ConfigureAwait(false);
        if (await ResolveAsync(TaskRefs.Base(task), cancellationToken).ConfigureAwait(false) is null)
        {
            // A branch made before clones (or whose base ref was lost): its base is where it left the target.
            var forkPoint = (await git.OutputAsync(["merge-base", baseRef, head], cancellationToken).ConfigureAwait(false)).Trim();
            await git.OutputAsync(["update-ref", TaskRefs.Base(task), forkPoint], cancellationToken).ConfigureAwait(false);
        }

        await BorrowingClone.CreateAsync(path, runner, worktree.Borrowed, TaskRefs.Branch(task), head, cancellationToken).ConfigureAwait(false);
        await git.OutputAsync(["update-ref", TaskRefs.Synced(task), head], cancellationToken).ConfigureAwait(false);
        return worktree;
    }

    /// <inheritdoc />
    public async Task<string?> CommitAllAsync(Worktree worktree, AgentIdentity author, string message, CancellationToken cancellationToken)
    {
        var inClone = await InAsync(worktree.Path, cancellationToken).ConfigureAwait(false);
        await inClone.OutputAsync(["add", "--all"], cancellationToken).ConfigureAwait(false);
        var staged = await inClone.RunAsync(["diff", "--cached", "--quiet", .. PlainDiff], null, cancellationToken).ConfigureAwait(false);
        if (staged.ExitCode == 0 && !await IsMergingAsync(inClone, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await inClone.OutputAsync([.. As(author), "commit", "--quiet", "--no-verify", "-m", message], cancellationToken).ConfigureAwait(false);
        return (await inClone.OutputAsync(["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();
    }

    /// <inheritdoc />
    public async Task RestoreAsync(string path, CancellationToken cancellationToken)
    {
        var inClone = await InAsync(path, cancellationToken).ConfigureAwait(false);

        // A merge the dev left half-done keeps its state: reset --hard would end it, and the next commit records it.
        if (await IsMergingAsync(inClone, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await inClone.OutputAsync(["reset", "--quiet", "--hard", "HEAD"], cancellationToken).ConfigureAwait(false);

        // -d: folders the checks made (out/, __pycache__/); no -x: ignored files stay.
        await inClone.OutputAsync(["clean", "--quiet", "--force", "-d"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes <c>task/&lt;id&gt;</c> back from the task's clone into the repository (see <see cref="CloneTakeBack"/>);
    /// when the repository's branch moved since the clone last agreed with it, the clone is reset to the repository's.
    /// </summary>
    public async Task<TakeBackResult> TakeBackAsync(TaskId task, CancellationToken cancellationToken)
    {
        var path = PathOf(task);
        using var gate = await WorktreeGate.EnterAsync(path, cancellationToken).ConfigureAwait(false);
        return IsClone(path)
            ? await SyncAsync(new Worktree(task, path, BranchOf(task)), cancellationToken).ConfigureAwait(false)
            : new TakeBackResult.NoClone();
    }

    /// <inheritdoc />
    public async Task<TaskDiff> DiffAsync(Worktree worktree, string baseRef, CancellationToken cancellationToken)
    {
        var taken = await TakeBackAsync(worktree.Task, cancellationToken).ConfigureAwait(false);
        var head = (await git.OutputAsync(["rev-parse", "--verify", TaskRefs.Branch(worktree.Task)], cancellationToken).ConfigureAwait(false)).Trim();
        var range = baseRef + "..." + head;
        var files = (await git.OutputAsync(["diff", "--name-only", .. PlainDiff, range, "--"], cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var patch = await git.OutputAsync(["diff", .. PlainDiff, range, "--"], cancellationToken).ConfigureAwait(false);
        var truncated = patch.Length > MostPatchChars;
        return new TaskDiff(head, files, truncated ? patch[..MostPatchChars] : patch, truncated) { NotTakenBack = Why(taken) };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> MergeFromAsync(Worktree worktree, string baseRef, AgentIdentity author, CancellationToken cancellationToken)
    {
        await TakeBackAsync(worktree.Task, cancellationToken).ConfigureAwait(false);

        // The clone has no refs but its own: the target is merged as the commit the repository names.
        var target = (await git.OutputAsync(["rev-parse", "--verify", baseRef + "^{commit}"], cancellationToken).ConfigureAwait(false)).Trim();
        var inClone = await InAsync(worktree.Path, cancellationToken).ConfigureAwait(false);
        var merge = await inClone.RunAsync([.. As(author), "merge", "--no-edit", "--no-ff", "--quiet", "-m", $"Merge {baseRef} into {worktree.Branch}", target], null, cancellationToken).ConfigureAwait(false);
        if (merge.ExitCode == 0)
        {
            return [];
        }

        var conflicted = (await inClone.OutputAsync(["diff", "--name-only", "--diff-filter=U", .. PlainDiff], cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return conflicted.Length > 0 ? conflicted : throw new GitCommandException(["merge", baseRef], merge.ExitCode, merge.StandardError);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(TaskId task, CancellationToken cancellationToken)
    {
        var path = PathOf(task);
        using (await WorktreeGate.EnterAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (IsClone(path))
            {
                await new CloneTakeBack(git, await InAsync(path, cancellationToken).ConfigureAwait(false), task).RunAsync(cancellationToken).ConfigureAwait(false);
            }

            await DeleteFolderAsync(path, cancellationToken).ConfigureAwait(false);
            await git.RunAsync(["update-ref", "-d", TaskRefs.Synced(task)], null, cancellationToken).ConfigureAwait(false);
        }

        await RemoveOldWorktreeAsync(task, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteBranchAsync(TaskId task, CancellationToken cancellationToken)
    {
        foreach (var reference in new[] { TaskRefs.Branch(task), TaskRefs.Base(task), TaskRefs.Synced(task) })
        {
            var result = await git.RunAsync(["update-ref", "-d", reference], null, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new GitCommandException(["update-ref", "-d", reference], result.ExitCode, result.StandardError);
            }
        }
    }

    /// <summary>
    /// Keeps <c>.clawclip/</c> (logs, the kick file) out of the person's <c>git status</c> with a line in
    /// <c>.git/info/exclude</c>, touching nothing they commit. <c>clawclip init</c> calls it; so does every new clone.
    /// </summary>
    public async Task ExcludeAsync(CancellationToken cancellationToken)
    {
        var exclude = Path.Combine(await CommonDirAsync(cancellationToken).ConfigureAwait(false), "info", "exclude");
        var line = "/" + Folder + "/";
        var lines = File.Exists(exclude) ? await File.ReadAllLinesAsync(exclude, cancellationToken).ConfigureAwait(false) : [];
        if (!lines.Contains(line, StringComparer.Ordinal))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(exclude)!);
            var separator = lines.Length > 0 && !string.IsNullOrEmpty(lines[^1]) ? Environment.NewLine : string.Empty;
            await File.AppendAllTextAsync(exclude, $"{separator}# claw.clip's working files{Environment.NewLine}{line}{Environment.NewLine}", cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Why(TakeBackResult taken) => taken switch
    {
        TakeBackResult.Refused refused => refused.Reason,
        TakeBackResult.RepositoryMoved moved => $"the repository's branch moved (to {moved.Head ?? "nothing"}) since the clone last took from it; the clone was reset to it",
        _ => null,
    };

    // Under the clone's gate.
    private async Task<TakeBackResult> SyncAsync(Worktree worktree, CancellationToken cancellationToken)
    {
        var inClone = await InAsync(worktree.Path, cancellationToken).ConfigureAwait(false);
        var taken = await new CloneTakeBack(git, inClone, worktree.Task).RunAsync(cancellationToken).ConfigureAwait(false);
        if (taken is TakeBackResult.RepositoryMoved { Head: { } head })
        {
            // The clone's objects reach the repository's, so the repository's head is there to reset to.
            await inClone.OutputAsync(["symbolic-ref", "HEAD", TaskRefs.Branch(worktree.Task)], cancellationToken).ConfigureAwait(false);
            await inClone.OutputAsync(["reset", "--quiet", "--hard", head], cancellationToken).ConfigureAwait(false);
            await git.OutputAsync(["update-ref", TaskRefs.Synced(worktree.Task), head], cancellationToken).ConfigureAwait(false);
        }

        return taken;
    }

    private async Task<string> StartBranchAsync(TaskId task, string baseRef, CancellationToken cancellationToken)
    {
        var baseCommit = (await git.OutputAsync(["rev-parse", "--verify", baseRef + "^{commit}"], cancellationToken).ConfigureAwait(false)).Trim();
        var transaction = $"start\ncreate {TaskRefs.Branch(task)} {baseCommit}\nupdate {TaskRefs.Base(task)} {baseCommit}\nprepare\ncommit\n";
        await git.OutputAsync(["update-ref", "--stdin"], cancellationToken, System.Text.Encoding.UTF8.GetBytes(transaction)).ConfigureAwait(false);
        return baseCommit;
    }

    // git in the clone: inside the sandbox, the clone writable, the borrowed objects read-only.
    private async Task<GitCli> InAsync(string path, CancellationToken cancellationToken) =>
        BorrowingClone.In(path, runner, await BorrowedAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The repository's object store, and the stores it borrows from itself: what a clone reads through its alternates,
    /// and so what a sandbox around anything working in a clone binds read-only.
    /// </summary>
    public async Task<IReadOnlyList<string>> BorrowedAsync(CancellationToken cancellationToken) =>
        borrowed ??= await BorrowingClone.BorrowedAsync(git, cancellationToken).ConfigureAwait(false);

    private async Task<string> CommonDirAsync(CancellationToken cancellationToken) =>
        commonDir ??= Path.GetFullPath(
            (await git.OutputAsync(["rev-parse", "--git-common-dir"], cancellationToken).ConfigureAwait(false)).Trim(),
            git.RepositoryRoot);

    private async Task<string?> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(["rev-parse", "--verify", "--quiet", reference], null, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    private static bool IsClone(string path) => File.Exists(Path.Combine(path, ".git", "HEAD"));

    private static async Task DeleteFolderAsync(string path, CancellationToken cancellationToken)
    {
        if (new DirectoryInfo(path) is { Exists: true } folder)
        {
            await Task.Run(() => CloneFolder.Delete(folder), cancellationToken).ConfigureAwait(false);
        }
    }

    // Tasks begun before clones worked in a `git worktree` under .clawclip/worktrees: removed as they were made.
    private async Task RemoveOldWorktreeAsync(TaskId task, CancellationToken cancellationToken)
    {
        var old = Path.Combine(git.RepositoryRoot, Folder, "worktrees", task.Value);
        if (!Directory.Exists(old))
        {
            return;
        }

        using var gate = await WorktreeGate.EnterAsync(git.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        await git.RunAsync(["worktree", "remove", "--force", old], null, cancellationToken).ConfigureAwait(false);
        await git.RunAsync(["worktree", "prune"], null, cancellationToken).ConfigureAwait(false);
    }

    private static string[] As(AgentIdentity author) =>
        ["-c", "user.name=" + author.Name, "-c", "user.email=" + author.Email];

    private static async Task<bool> IsMergingAsync(GitCli inClone, CancellationToken cancellationToken) =>
        (await inClone.RunAsync(["rev-parse", "--verify", "--quiet", "MERGE_HEAD"], null, cancellationToken).ConfigureAwait(false)).ExitCode == 0;
}
