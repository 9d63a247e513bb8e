using System.Globalization;
using System.Text;
using ClawClip.Core.Tasks;
using ClawClip.Processes;

namespace ClawClip.Git;

/// <summary>
/// Brings a task's branch from its clone into the repository, and nothing else: the clone's other refs, its config,
/// its hooks and its <c>main</c> stay where they are. Inside the sandbox, git packs the commits of
/// <c>task/&lt;id&gt;</c> the base lacks (<c>pack-objects --thin --revs</c>); in the repository, which is claw.clip's,
/// <c>index-pack --strict</c> checks every object as it stores it, a walk checks that nothing the head needs is
/// missing, the head must descend from the task's base, and the branch moves by compare-and-swap. No bundle (git 2.39's
/// bundle unbundling ignores the fsck settings) and no upload-pack in the clone as the daemon: the only thing the daemon
/// reads from the clone is a pack stream, and only git's own checks read that.
/// </summary>
internal sealed class CloneTakeBack
{
    private readonly GitCli repository;
    private readonly GitCli clone;
    private readonly TaskId task;

    public CloneTakeBack(GitCli repository, GitCli clone, TaskId task)
    {
        this.repository = repository;
        this.clone = clone;
        this.task = task;
    }

    public async Task<TakeBackResult> RunAsync(CancellationToken cancellationToken)
    {
        var branch = GitWorktrees.BranchOf(task);
        var cloneHead = await clone.RunAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", TaskRefs.Branch(task) + "^{commit}"], null, cancellationToken).ConfigureAwait(false);
        var head = cloneHead.StandardOutput.Trim();
        if (cloneHead.ExitCode != 0 || !TaskRefs.IsObjectId(head))
        {
            return new TakeBackResult.Refused($"the clone has no commit on {branch}: nothing was taken back");
        }

        var refs = await ReadRefsAsync(cancellationToken).ConfigureAwait(false);
        var current = refs.GetValueOrDefault(TaskRefs.Branch(task));
        var synced = refs.GetValueOrDefault(TaskRefs.Synced(task));
        if (head == current)
        {
            if (synced != current)
            {
                await repository.OutputAsync(["update-ref", TaskRefs.Synced(task), head], cancellationToken).ConfigureAwait(false);
            }

            return new TakeBackResult.Unchanged(head);
        }

        if (current is null || synced != current)
        {
            return new TakeBackResult.RepositoryMoved(current);
        }

        if (refs.GetValueOrDefault(TaskRefs.Base(task)) is not { } baseCommit)
        {
            return new TakeBackResult.Refused($"the repository has no base recorded for {task} ({TaskRefs.Base(task)}): nothing was taken back");
        }

        if (await BringObjectsAsync(head, baseCommit, current, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            return new TakeBackResult.Refused(problem);
        }

        var descends = await repository.RunAsync(["merge-base", "--is-ancestor", baseCommit, head], null, cancellationToken).ConfigureAwait(false);
        switch (descends.ExitCode)
        {
            case 1:
                return new TakeBackResult.Refused($"{branch} in the clone is at {Short(head)}, which does not descend from the task's base {Short(baseCommit)}: it was not taken back, and the repository's {branch} stays at {Short(current)}");
            case not 0:
                throw new GitCommandException(["merge-base", "--is-ancestor", baseCommit, head], descends.ExitCode, descends.StandardError);
        }

        // Both refs or neither: the branch moves only from the value the clone last agreed with.
        var transaction = string.Create(
            CultureInfo.InvariantCulture,
            $"start\nupdate {TaskRefs.Branch(task)} {head} {current}\nupdate {TaskRefs.Synced(task)} {head} {current}\nprepare\ncommit\n");
        var moved = await repository.RunAsync(["update-ref", "--stdin"], Encoding.UTF8.GetBytes(transaction), cancellationToken).ConfigureAwait(false);
        return moved.ExitCode == 0
            ? new TakeBackResult.TakenBack(head)
            : new TakeBackResult.RepositoryMoved(await ResolveAsync(TaskRefs.Branch(task), cancellationToken).ConfigureAwait(false));
    }

    // Null when the repository has every object the head needs; else why not.
    private async Task<string?> BringObjectsAsync(string head, string baseCommit, string current, CancellationToken cancellationToken)
    {
        // A head the repository has already (the dev reset to an older commit of its own) brings nothing.
        if ((await repository.RunAsync(["cat-file", "-e", head + "^{commit}"], null, cancellationToken).ConfigureAwait(false)).ExitCode == 0)
        {
            return null;
        }

        var revisions = Encoding.ASCII.GetBytes($"{head}\n^{baseCommit}\n^{current}\n");
        var pack = await clone.RunAsync(["pack-objects", "--thin", "--stdout", "--revs", "--quiet"], revisions, cancellationToken).ConfigureAwait(false);
        if (pack.ExitCode != 0)
        {
            return $"the clone's {GitWorktrees.BranchOf(task)} could not be packed (git pack-objects exited {pack.ExitCode}): {pack.StandardError.Trim()}";
        }

        if (pack.StandardOutputTruncated)
        {
            return $"the clone's {GitWorktrees.BranchOf(task)} packs to {pack.StandardOutputBytes} bytes, more than claw.clip takes back at once";
        }

        var indexed = await repository.RunAsync(["index-pack", "--stdin", "--fix-thin", "--strict"], pack.RawStandardOutput, cancellationToken).ConfigureAwait(false);
        if (indexed.ExitCode != 0)
        {
            return $"the clone's objects failed git's checks (index-pack --strict): {indexed.StandardError.Trim()}";
        }

        // index-pack checks each object it stores; this walk checks that none the head reaches is missing.
        var walk = await repository.RunAsync(["rev-list", "--objects", "--quiet", head, "--not", baseCommit, current], null, cancellationToken).ConfigureAwait(false);
        return walk.ExitCode == 0 ? null : $"the clone's {GitWorktrees.BranchOf(task)} needs objects it did not send: {walk.StandardError.Trim()}";
    }

    // The task's three refs in the repository, in one git process (a take-back runs on every diff).
    private async Task<Dictionary<string, string>> ReadRefsAsync(CancellationToken cancellationToken)
    {
        var listed = await repository.OutputAsync(["for-each-ref", "--format=%(refname) %(objectname)", TaskRefs.Branch(task), TaskRefs.Synced(task), TaskRefs.Base(task)], cancellationToken).ConfigureAwait(false);
        return listed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    private async Task<string?> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        var result = await repository.RunAsync(["rev-parse", "--verify", "--quiet", reference], null, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    private static string Short(string? commit) => commit is null ? "nothing" : commit[..Math.Min(10, commit.Length)];
}
